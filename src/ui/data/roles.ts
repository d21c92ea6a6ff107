// The column-role dialog's logic: one role per column, a first suggestion, and the problems that
// would stop training (named by column, with the rows at fault), shown before anything is created.
import type { TablePreview } from '../../protocol/reports.ts';
import type { DatasetRoles } from '../../notebook/datasets.ts';

export type ColumnRole = 'ignore' | 'input' | 'target' | 'task';
export type RoleAssignment = Record<string, ColumnRole>;

/** Text columns with more categories than this are not offered as inputs by default. */
const MAX_SUGGESTED_CATEGORIES = 20;

export function assignmentFromRoles(preview: TablePreview, roles: DatasetRoles): RoleAssignment {
  return Object.fromEntries(
    preview.columns.map((c) => [
      c.name,
      roles.taskColumn === c.name
        ? 'task'
        : roles.targets.includes(c.name)
          ? 'target'
          : roles.inputs.includes(c.name)
            ? 'input'
            : 'ignore',
    ]),
  );
}

/** A first guess: the last numeric column is the target, usable other columns are inputs. */
export function suggestRoles(preview: TablePreview): RoleAssignment {
  const numeric = preview.columns.filter((c) => c.type === 'number');
  const target = numeric.at(-1)?.name;
  return Object.fromEntries(
    preview.columns.map((c) => {
      if (c.name === target) return [c.name, 'target'];
      const usable = c.type === 'number' || (c.type === 'text' && (c.distinct ?? Infinity) <= MAX_SUGGESTED_CATEGORIES);
      return [c.name, usable ? 'input' : 'ignore'];
    }),
  );
}

export function rolesFromAssignment(preview: TablePreview, assignment: RoleAssignment): DatasetRoles {
  const withRole = (role: ColumnRole) => preview.columns.map((c) => c.name).filter((name) => assignment[name] === role);
  const task = withRole('task')[0];
  return {
    inputs: withRole('input'),
    targets: withRole('target'),
    ...(task === undefined ? {} : { taskColumn: task }),
  };
}

/** Why these roles cannot train yet; empty when they can. */
export function roleProblems(preview: TablePreview, assignment: RoleAssignment): string[] {
  const roles = rolesFromAssignment(preview, assignment);
  const problems: string[] = [];
  if (roles.inputs.length === 0) problems.push('Choose at least one input column.');
  if (roles.targets.length === 0) problems.push('Choose at least one target column (one task each).');
  const tasks = preview.columns.filter((c) => assignment[c.name] === 'task');
  if (tasks.length > 1)
    problems.push(`Only one column can name the tasks; ${tasks.map((c) => `"${c.name}"`).join(' and ')} both do.`);
  if (tasks.length === 1 && roles.targets.length > 1) {
    problems.push(
      `With a task column ("${tasks[0].name}"), choose exactly one target: the column holding each row's value.`,
    );
  }
  if (roles.targets.length > 64) problems.push(`${roles.targets.length} targets is more than the limit of 64 tasks.`);
  for (const column of preview.columns) {
    const role = assignment[column.name];
    if (role === 'ignore' || role === undefined) continue;
    const what = `${role === 'task' ? 'Task' : role === 'input' ? 'Input' : 'Target'} column "${column.name}"`;
    if (column.type === 'empty') problems.push(`${what} is empty (no values in any row).`);
    else if (column.type === 'mixed') problems.push(`${what} ${column.typeNote}.`);
    else if (role === 'target' && column.type === 'text') problems.push(`${what} holds text; targets must be numeric.`);
    else if (role === 'input' && column.type === 'text' && (column.distinct ?? 0) > 256) {
      problems.push(`${what} has ${column.distinct} distinct texts; at most 256 categories are one-hot encoded.`);
    }
  }
  return problems;
}
