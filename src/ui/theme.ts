// The colour theme: the system setting until the user picks one with the header's toggle; the
// choice is kept in localStorage (one word, no data) and set as `data-theme` on <html>, where
// studio.css's tokens read it. Charts read the matching palette from here.
import { create } from 'zustand';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'chromaxr-theme';

/** Colours the charts draw with (SVG attributes cannot read CSS custom properties). */
export interface ChartPalette {
  axis: string;
  grid: string;
  tooltipBackground: string;
  /** The emphasised series (a mean over labels). */
  strong: string;
}

const PALETTES: Record<Theme, ChartPalette> = {
  dark: { axis: '#a3b1bf', grid: '#2c3642', tooltipBackground: '#1d252e', strong: '#ffffff' },
  light: { axis: '#4d5b69', grid: '#d5dce4', tooltipBackground: '#ffffff', strong: '#16202a' },
};

function storedTheme(): Theme | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // storage blocked (private mode, policy): the system setting decides
  }
}

function systemTheme(): Theme {
  return globalThis.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

function applyTheme(theme: Theme): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
}

interface ThemeState {
  theme: Theme;
  /** The user picked it (else it follows the system setting). */
  chosen: boolean;
  toggle: () => void;
}

export const useTheme = create<ThemeState>()((set, get) => ({
  theme: storedTheme() ?? systemTheme(),
  chosen: storedTheme() !== null,
  toggle: () => {
    const theme = get().theme === 'dark' ? 'light' : 'dark';
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, theme);
    } catch {
      // not kept across reloads; the page still switches
    }
    applyTheme(theme);
    set({ theme, chosen: true });
  },
}));

/** Sets the theme on <html> before the first paint and follows system changes until the user
 *  chooses. */
export function startTheme(): void {
  applyTheme(useTheme.getState().theme);
  globalThis.matchMedia?.('(prefers-color-scheme: light)').addEventListener('change', () => {
    if (useTheme.getState().chosen) return;
    const theme = systemTheme();
    applyTheme(theme);
    useTheme.setState({ theme });
  });
}

export const useChartPalette = (): ChartPalette => PALETTES[useTheme((s) => s.theme)];
