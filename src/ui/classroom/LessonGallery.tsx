// The lesson gallery on the start page: the notebooks shipped in public/lessons/, opened with one click
// (the notebook they replace is kept, as when opening a file).
import { useEffect, useState } from 'react';
import { useLab } from '../../store/index.ts';
import { fetchLesson, fetchLessonIndex, type LessonEntry } from '../../store/lessons.ts';
import { importNotebook } from '../../store/persistence.ts';

export function LessonGallery() {
  const origin = useLab((s) => s.origin);
  const [lessons, setLessons] = useState<LessonEntry[]>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState(origin === 'default');

  useEffect(() => {
    fetchLessonIndex()
      .then(setLessons)
      .catch((e: Error) => setError(`The lesson list could not be loaded (${e.message}).`));
  }, []);

  const openLesson = async (lesson: LessonEntry) => {
    setError(undefined);
    try {
      const notebook = await fetchLesson(lesson.file);
      await importNotebook(notebook, 'lesson', { file: lesson.file, original: notebook });
      setOpen(false);
    } catch (e) {
      setError(`${lesson.title} could not be opened: ${(e as Error).message}`);
    }
  };

  return (
    <details
      className="lesson-gallery"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="lesson-gallery"
    >
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
