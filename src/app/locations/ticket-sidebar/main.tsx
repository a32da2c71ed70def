import { SidebarRoot, startSidebar } from '../../sidebar/root.tsx';
import { fetchWithViews } from '../../ui/lazy.ts';
import { mountLocation } from '../mount.tsx';
import { sidebarStrings } from './strings.ts';

const strings = sidebarStrings();
// views fetched on first use bring the English strings the first load leaves out
fetchWithViews(strings.later);
mountLocation({ Root: SidebarRoot, strings, start: startSidebar });
