// Background jobs of one process (sync, test connection, exports). The API call that starts one returns at
// once; the job runs on the event loop, taking only short SQLite transactions, and `sync.job` reads its state.
import crypto from 'node:crypto';
import { AppError } from '../../shared/api/errors';
import { errorMessage, type Lang } from '../../shared/i18n/messages';
import type { JobView } from '../../shared/api/sync';

const jobs = new Map<string, JobView & { owner: string }>();

export function startJob(
  owner: string,
  kind: JobView['kind'],
  startedAt: string,
  run: (job: JobView) => Promise<Record<string, unknown>>,
  lang: Lang,
  finishedAt: () => string,
): JobView {
  const job: JobView & { owner: string } = {
    id: crypto.randomUUID(),
    owner,
    kind,
    state: 'running',
    startedAt,
    finishedAt: null,
    progress: null,
    result: null,
    error: null,
  };
  jobs.set(job.id, job);
  // Old finished jobs go, so a long-running app does not grow.
  if (jobs.size > 200) for (const [id, j] of jobs) if (j.state !== 'running' && jobs.size > 100) jobs.delete(id);
  // setImmediate: the job starts after the API call (and its transaction) has returned.
  setImmediate(() => {
    run(job)
      .then((result) => {
        job.result = result;
        job.state = 'done';
      })
      .catch((err: unknown) => {
        job.state = 'failed';
        job.error =
          err instanceof AppError
            ? { code: err.code, message: errorMessage(err.code, err.params, lang) }
            : { code: 'INTERNAL', message: String((err as Error)?.message ?? err) };
      })
      .finally(() => {
        job.finishedAt = finishedAt();
      });
  });
  return view(job);
}

const view = (j: JobView & { owner: string }): JobView => {
  const { owner: _owner, ...rest } = j;
  return JSON.parse(JSON.stringify(rest)) as JobView;
};

export function getJob(owner: string, id: string): JobView {
  const j = jobs.get(id);
  if (!j || j.owner !== owner) throw new AppError('SYNC_JOB_UNKNOWN', {}, { status: 404 });
  return view(j);
}

export function runningJob(owner: string, kind: JobView['kind']): JobView | null {
  for (const j of jobs.values()) if (j.owner === owner && j.kind === kind && j.state === 'running') return view(j);
  return null;
}

export function lastJob(owner: string, kind: JobView['kind']): JobView | null {
  let last: (JobView & { owner: string }) | null = null;
  for (const j of jobs.values()) if (j.owner === owner && j.kind === kind) last = j;
  return last ? view(last) : null;
}
