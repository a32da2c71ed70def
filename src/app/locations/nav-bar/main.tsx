import { NavBarRoot } from '../../navbar/root.tsx';
import { mountLocation } from '../mount.tsx';

mountLocation(NavBarRoot);
