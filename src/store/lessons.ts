// The lesson notebooks shipped in public/lessons/ (made by scripts/make-lessons.ts).
import { readNotebookFile, type Notebook } from '../notebook/index.ts';

const LESSONS_FOLDER = './lessons/';

export interface LessonEntry {
  file: string;
  title: string;
  summary: string;
  draft?: boolean;
}

/** A lesson opened from the gallery or a short link, kept to tell whether the notebook still is it. */
export interface LessonSource {
  file: string;
  original: Notebook;
}

async function fetchText(file: string): Promise<string> {
  const response = await fetch(`${LESSONS_FOLDER}${file}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

export async function fetchLessonIndex(): Promise<LessonEntry[]> {
  return (JSON.parse(await fetchText('index.json')) as { lessons: LessonEntry[] }).lessons;
}

export async function fetchLesson(file: string): Promise<Notebook> {
  const result = readNotebookFile(await fetchText(file));
  if (!result.ok) throw new Error(result.error);
  return result.notebook;
}
