// Number formatting shared by the views. One Intl.NumberFormat for the page: `toLocaleString` builds a
// new formatter on every call, which showed up when live runs re-render their cells many times a second.
const counts = new Intl.NumberFormat('en');

/** A whole count with thousands separators: 12,345. */
export const formatCount = (n: number): string => counts.format(n);
