// Save file: the open notebook as a .tasklab.json download (also offered when storage is full or a
// link would be too long).
import { FILE_EXTENSION, writeNotebookFile } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';
import { RESULT_POINTS, withResults } from '../../store/sharedResults.ts';

function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileNameFor = (title: string) =>
  `${
    title
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'notebook'
  }${FILE_EXTENSION}`;

/** Downloads the open notebook as a .tasklab.json file, by default with its experiments' latest finished runs. */
export function saveNotebookFile(includeResults = true) {
  const { notebook, runs } = useLab.getState();
  const file = includeResults ? withResults(notebook, runs, RESULT_POINTS.file) : notebook;
  downloadText(writeNotebookFile(file), fileNameFor(notebook.title));
}
