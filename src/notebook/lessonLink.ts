// Short links to a shipped lesson, `?lesson=<name>&hide=<control,…>`: a QR code that a phone reads
// across a classroom, where the full `#v1.` link of the same notebook is a dense ~2 KB code.
import type { Notebook } from './schema.ts';

const LESSON_FILE_SUFFIX = '.tasklab.json';
const LESSON_NAME = /^[a-z0-9][a-z0-9-]{0,80}$/;
const CONTROL_ID = /^[a-z][a-z-]{0,63}$/;

export interface LessonLink {
  /** File name in public/lessons/. */
  file: string;
  /** The presenter's hidden controls; undefined keeps the lesson's own. */
  hiddenControls?: string[];
}

/** The query string of a lesson's short link; `hide` is always written, so hiding nothing travels too. */
export function lessonLinkSearch(file: string, hiddenControls: readonly string[]): string {
  return `?lesson=${file.replace(LESSON_FILE_SUFFIX, '')}&hide=${hiddenControls.join(',')}`;
}

/** Reads `?lesson=`: null when absent, else the lesson or an error naming the bad part. */
export function readLessonLink(search: string): LessonLink | { error: string } | null {
  const params = new URLSearchParams(search);
  const name = params.get('lesson');
  if (name === null) return null;
  if (!LESSON_NAME.test(name))
    return {
      error: `The link names a lesson "${name.slice(0, 60)}" that cannot exist (lowercase letters, digits and dashes only).`,
    };
  const hide = params.get('hide');
  const hiddenControls = hide === null ? undefined : hide.split(',').filter(Boolean);
  const bad = hiddenControls?.find((id) => !CONTROL_ID.test(id));
  if (bad !== undefined)
    return { error: `The link's "hide" parameter has an invalid control name "${bad.slice(0, 60)}".` };
  return { file: `${name}${LESSON_FILE_SUFFIX}`, hiddenControls };
}

/** Whether a notebook is still the lesson as shipped, presenter settings aside (then its short link opens it). */
export function isUnchangedLesson(notebook: Notebook, lesson: Notebook): boolean {
  return (
    JSON.stringify({ ...notebook, presentation: undefined }) === JSON.stringify({ ...lesson, presentation: undefined })
  );
}
