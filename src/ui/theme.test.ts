// @vitest-environment jsdom
// The theme: set on <html> at start, switched by the toggle and remembered; chart tooltips in
// readable numbers. (jsdom has no matchMedia: the system setting then reads as dark.)
import { expect, it } from 'vitest';
import { startTheme, tooltipProps, useTheme } from './theme';

it('starts from the system setting, toggles and remembers the choice', () => {
  startTheme();
  expect(document.documentElement.dataset.theme).toBe('dark');
  expect(useTheme.getState()).toMatchObject({ theme: 'dark', chosen: false });
  useTheme.getState().toggle();
  expect(document.documentElement.dataset.theme).toBe('light');
  expect(localStorage.getItem('chromaxr-theme')).toBe('light');
  expect(useTheme.getState()).toMatchObject({ theme: 'light', chosen: true });
});

it('formats tooltip values to the digits asked, never a raw float', () => {
  const palette = { axis: '', grid: '', tooltipBackground: '#fff', strong: '', series: [] };
  const { formatter, contentStyle } = tooltipProps(palette, 3);
  expect(formatter(0.7002084851264954)).toBe('0.700');
  expect(formatter('n/a')).toBe('n/a');
  expect(contentStyle).toEqual({ background: '#fff' });
});
