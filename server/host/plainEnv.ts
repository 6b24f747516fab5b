// `process.env` is a live view whose every read calls getenv(). The `yaml`
// parser reads `process.env.LOG_TOKENS` once per token, which made a third of
// its time on a large catalogue. Crosswalk never changes its environment, so
// the entry points swap the view for a plain copy of it.
export function usePlainEnv(): void {
  process.env = { ...process.env };
}
