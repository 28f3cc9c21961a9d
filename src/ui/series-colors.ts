// Colours for one line per procedure in the Results view's charts (readable on the dark theme).
export const SERIES_COLORS = ['#6fb6ff', '#e0a64f', '#8bc98b', '#d46f8f', '#a58bd6', '#5fc4c4'];
