// Placeholder until the runtime lands: the real runtime replaces this file.
export function createAction() {
  throw new Error('actions: the runtime is not built yet');
}
