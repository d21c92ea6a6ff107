// The experiment cell's "Export to PyTorch": downloads a zip of a standalone PyTorch project (train.py,
// the exact data, a README for laptop, GPU and cluster runs). While the job runs, its progress (reading
// the table, then each file zipped) and Cancel replace the button.
import { useState } from 'react';
import { cancelPytorchExport, exportPytorchProject } from '../../bridge/pytorchExport.ts';
import type { ExperimentSpec } from '../../protocol/index.ts';
import type { ExportProgress } from '../../protocol/jobs.ts';
import { useLab } from '../../store/index.ts';
import { jobKeys } from '../../store/jobKeys.ts';
import { selectJob } from '../../store/jobsSlice.ts';
import { parseProgressText } from '../data/ParseProgress.tsx';
import { JobProgress } from '../JobProgress.tsx';

function download(bytes: Uint8Array, fileName: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const progressText = (p: ExportProgress | undefined) =>
  !p
    ? 'Exporting to PyTorch: building the project…'
    : p.stage === 'reading'
      ? `Exporting to PyTorch: reading ${p.fileName}, ${parseProgressText(p)}…`
      : `Exporting to PyTorch: compressing file ${p.done} of ${p.total}…`;

export function ExportPytorchButton({ cellId, spec }: { cellId: string; spec: ExperimentSpec }) {
  const job = useLab(selectJob(jobKeys.pytorchExport(cellId)));
  // A failure before the job starts (the experiment's data not found); the job's own is in its record.
  const [setupError, setSetupError] = useState<string>();
  const start = () => {
    setSetupError(undefined);
    exportPytorchProject(cellId, spec).then(
      (result) => result && download(result.zip, result.fileName),
      (error: Error) => setSetupError(`Export to PyTorch failed: ${error.message}`),
    );
  };
  const error = setupError ?? (job?.status === 'failed' ? job.error : undefined);
  return (
    <div className="export-pytorch">
      {job?.status === 'running' ? (
        <JobProgress
          text={progressText(job.live)}
          value={job.live?.done}
          max={job.live?.total}
          label="Export progress"
          onCancel={() => cancelPytorchExport(cellId)}
        />
      ) : (
        <button
          type="button"
          onClick={start}
          title="A zip with train.py, the exact data and a README: run it on a GPU or a cluster, then drop its result.json here"
        >
          Export to PyTorch
        </button>
      )}
      {error && (
        <span className="error-banner" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
