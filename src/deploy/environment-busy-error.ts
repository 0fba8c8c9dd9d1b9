/** Another deploy held the environment; the job is retried by the queue after its back-off. */
export class EnvironmentBusyError extends Error {
  override name = "EnvironmentBusyError";
}
