// The error a run, an affinity measurement or a job throws for a problem with the user's input or
// with training itself: its message is meant for the user (the CLI prints it without a stack).

export class RunError extends Error {}
