export const SHORTCUTS: [string, string][] = [
  ['Shift + Enter', 'run the focused experiment cell'],
  ['Alt + ↑ / Alt + ↓', 'move the focused cell up / down'],
  ['Ctrl + Z (outside text fields)', 'undo the last cell deletion or one-click comparison'],
  ['?', 'show or hide this help'],
];

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <aside className="shortcuts-help" role="dialog" aria-label="Keyboard shortcuts">
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt><kbd>{keys}</kbd></dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>Close</button>
    </aside>
  );
}
