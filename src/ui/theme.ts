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
  /** One colour per series, in order; each passes 4.5:1 on the theme's surfaces (legends are
   *  text in these colours). */
  series: readonly string[];
}

const PALETTES: Record<Theme, ChartPalette> = {
  dark: {
    axis: '#a3b1bf',
    grid: '#2c3642',
    tooltipBackground: '#1d252e',
    strong: '#ffffff',
    series: ['#6fb6ff', '#e0a64f', '#8bc98b', '#d46f8f', '#a58bd6', '#5fc4c4', '#c9b458'],
  },
  light: {
    axis: '#4d5b69',
    grid: '#d5dce4',
    tooltipBackground: '#ffffff',
    strong: '#16202a',
    series: ['#0a58a8', '#8a5200', '#2e7030', '#b0285a', '#6a4bb0', '#00706a', '#6f6200'],
  },
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

/** The i-th series colour, cycling. */
export const seriesColor = (palette: ChartPalette, i: number): string =>
  palette.series[i % palette.series.length] as string;

/** Per-label lines start after the first colour, which a mean or a first series keeps. */
export const labelColor = (palette: ChartPalette, i: number): string => seriesColor(palette, i + 1);

/** A chart tooltip in the theme, its values to `digits` decimals (counts: 0), never a raw float. */
export function tooltipProps(palette: ChartPalette, digits: number) {
  return {
    contentStyle: { background: palette.tooltipBackground },
    formatter: (value: unknown) =>
      typeof value === 'number' ? value.toFixed(digits) : String(value),
  };
}
