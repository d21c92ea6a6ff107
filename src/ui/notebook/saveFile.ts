// Save file: the open notebook as a .tasklab.json download (also offered when storage is full or a
// link would be too long).
import { FILE_EXTENSION, writeNotebookFile } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';

function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileNameFor = (title: string) => `${title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'notebook'}${FILE_EXTENSION}`;

/** Downloads the open notebook as a .tasklab.json file. */
export function saveNotebookFile() {
  const { notebook } = useLab.getState();
  downloadText(writeNotebookFile(notebook), fileNameFor(notebook.title));
}
