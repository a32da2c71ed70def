import { SidebarRoot } from '../../sidebar/root.tsx';
import { mountLocation } from '../mount.tsx';

mountLocation(SidebarRoot);
