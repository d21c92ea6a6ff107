// The experiment cell's "Export to PyTorch": downloads a zip of a standalone PyTorch project (train.py,
// the exact data, a README for laptop, GPU and cluster runs).
import { useState } from 'react';
import { exportPytorchProject } from '../../bridge/pytorchExport.ts';
import type { ExperimentSpec } from '../../protocol/index.ts';

function download(bytes: Uint8Array, fileName: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportPytorchButton({ spec }: { spec: ExperimentSpec }) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const start = () => {
    setState({ busy: true });
    exportPytorchProject(spec).then(
      ({ zip, fileName }) => {
        download(zip, fileName);
        setState({ busy: false });
      },
      (error: Error) => setState({ busy: false, error: `Export to PyTorch failed: ${error.message}` }),
    );
  };
  return (
    <div className="export-pytorch">
      <button
        type="button"
        onClick={start}
        disabled={state.busy}
        title="A zip with train.py, the exact data and a README: run it on a GPU or a cluster, then drop its result.json here"
      >
        {state.busy ? 'Exporting…' : 'Export to PyTorch'}
      </button>
      {state.error && (
        <span className="error-banner" role="alert">
          {state.error}
        </span>
      )}
    </div>
  );
}
