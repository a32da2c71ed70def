import { SidebarRoot, startSidebar } from '../../sidebar/root.tsx';
import { mountLocation } from '../mount.tsx';
import { sidebarStrings } from './strings.ts';

mountLocation({ Root: SidebarRoot, strings: sidebarStrings(), start: startSidebar });
