// The lesson gallery on the start page: the notebooks shipped in public/lessons/, opened with one click
// (the notebook they replace is kept, as when opening a file).
import { useEffect, useState } from 'react';
import { readNotebookFile } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';
import { importNotebook } from '../../store/persistence.ts';

interface LessonEntry {
  file: string;
  title: string;
  summary: string;
  draft?: boolean;
}

const LESSONS_FOLDER = './lessons/';

export function LessonGallery() {
  const origin = useLab((s) => s.origin);
  const [lessons, setLessons] = useState<LessonEntry[]>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState(origin === 'default');

  useEffect(() => {
    fetch(`${LESSONS_FOLDER}index.json`)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((index: { lessons: LessonEntry[] }) => setLessons(index.lessons))
      .catch((e: Error) => setError(`The lesson list could not be loaded (${e.message}).`));
  }, []);

  const openLesson = async (lesson: LessonEntry) => {
    setError(undefined);
    try {
      const response = await fetch(`${LESSONS_FOLDER}${lesson.file}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const result = readNotebookFile(await response.text());
      if (!result.ok) throw new Error(result.error);
      await importNotebook(result.notebook, 'lesson');
      setOpen(false);
    } catch (e) {
      setError(`${lesson.title} could not be opened: ${(e as Error).message}`);
    }
  };

  return (
    <details className="lesson-gallery" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="lesson-gallery">
      <summary>Lessons</summary>
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      {!lessons && !error && <p className="placeholder">Loading lessons…</p>}
      <ul className="lesson-list">
        {lessons?.map((lesson) => (
          <li key={lesson.file} className="lesson-card">
            <h2>{lesson.title}</h2>
            <p>{lesson.summary}</p>
            <button type="button" onClick={() => void openLesson(lesson)} aria-label={`Open ${lesson.title}`}>
              Open lesson
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
