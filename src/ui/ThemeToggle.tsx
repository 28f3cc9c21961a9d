// The header's light/dark switch: a toggle button (aria-pressed = dark) named for what it does.
import { Moon, Sun } from 'lucide-react';
import { useTheme } from './theme';

export function ThemeToggle() {
  const theme = useTheme((s) => s.theme);
  const toggle = useTheme((s) => s.toggle);
  const Icon = theme === 'dark' ? Moon : Sun;
  return (
    <button
      type="button"
      className="icon-only"
      aria-pressed={theme === 'dark'}
      aria-label="Dark theme"
      title={theme === 'dark' ? 'Dark theme (click for light)' : 'Light theme (click for dark)'}
      onClick={toggle}
    >
      <Icon size={18} aria-hidden="true" />
    </button>
  );
}
