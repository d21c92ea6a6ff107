import { describe, expect, it } from 'vitest';
import { defaultNotebook } from './defaultNotebook.ts';
import { isUnchangedLesson, lessonLinkSearch, readLessonLink } from './lessonLink.ts';

describe('lesson short links', () => {
  it('round-trip the lesson file and the hidden controls, hiding nothing included', () => {
    expect(readLessonLink(lessonLinkSearch('lesson-1-task-affinity.tasklab.json', ['history', 'settings']))).toEqual({
      file: 'lesson-1-task-affinity.tasklab.json',
      hiddenControls: ['history', 'settings'],
    });
    expect(readLessonLink(lessonLinkSearch('lesson-2.tasklab.json', []))).toEqual({
      file: 'lesson-2.tasklab.json',
      hiddenControls: [],
    });
    expect(readLessonLink('?lesson=lesson-2')).toEqual({ file: 'lesson-2.tasklab.json', hiddenControls: undefined });
  });

  it('are absent without ?lesson= and refuse names that could leave the lessons folder', () => {
    expect(readLessonLink('?spec={}')).toBeNull();
    expect(readLessonLink('?lesson=../secret')).toMatchObject({ error: expect.stringContaining('"../secret"') });
    expect(readLessonLink('?lesson=a&hide=ok,<b>')).toMatchObject({ error: expect.stringContaining('"<b>"') });
  });

  it('apply only while the notebook is the lesson as shipped, presenter settings aside', () => {
    const lesson = defaultNotebook();
    expect(isUnchangedLesson({ ...lesson, presentation: { hiddenControls: ['settings'] } }, lesson)).toBe(true);
    expect(isUnchangedLesson({ ...lesson, title: 'Mine' }, lesson)).toBe(false);
    expect(isUnchangedLesson({ ...lesson, cells: lesson.cells.slice(1) }, lesson)).toBe(false);
  });
});
