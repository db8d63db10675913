// The README's flow through a client generated from docs/openapi.json (openapi-typescript types,
// openapi-fetch calls), compiled with tsc --strict: no hand-written model. Run by
// dev.shortlist.api.GeneratedClientsIT against the packaged service:
//   e2e/client/run.sh <baseUrl> <key>
import createClient from 'openapi-fetch';
import type { components, paths } from './shortlist.js';

// The little of Node this needs, declared here rather than installing Node's type definitions.
declare const process: { argv: string[]; env: Record<string, string | undefined>; exit(code: number): never };

type Job = components['schemas']['Job'];
type ScoreJob = components['schemas']['ScoreJob'];

const baseUrl = process.argv[2];
const key = process.env.SHORTLIST_CLIENT_KEY;
if (!baseUrl || !key) {
  console.error('usage: SHORTLIST_CLIENT_KEY=<key> node flow.js <baseUrl>');
  process.exit(2);
}
const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });

let passed = 0;
let failed = 0;
/** One named part of the flow; a failure is reported and the flow goes on (the report format of e2e/run.mjs). */
async function step(name: string, body: () => Promise<void>): Promise<void> {
  const failure = await body().then(() => undefined, (error: unknown) => error ?? 'failed');
  const reason = failure instanceof Error ? failure.message : String(failure);
  failure === undefined ? passed++ : failed++;
  console.log(failure === undefined ? `ok - ${name}` : `not ok - ${name}: ${reason}`);
}
function check(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}

const resume = 'Backend engineer. Built Spring Boot microservices in Java on Kubernetes.\nTuned PostgreSQL queries.';
const jobDescription = 'Java developer: Spring Boot, PostgreSQL, Kafka, Docker and Kubernetes.';

/** Long poll: Prefer: wait=<seconds> until the job has ended. */
async function awaitEnd(id: string): Promise<Job> {
  for (let round = 0; round < 10; round++) {
    const { data, error, response } = await client.GET('/api/v1/jobs/{id}', {
      params: { path: { id }, header: { Prefer: 'wait=30' } },
    });
    check(data !== undefined, `getJob answered ${response.status}: ${JSON.stringify(error)}`);
    if (data.status === 'succeeded' || data.status === 'failed' || data.status === 'cancelled') {
      return data;
    }
  }
  throw new Error(`job ${id} did not end`);
}

await step('submit a score job, long-poll it, read its typed score and evidence', async () => {
  const { data: submitted, response } = await client.POST('/api/v1/jobs', {
    body: { type: 'score', resume: { text: resume }, jobDescription: { text: jobDescription } },
  });
  check(submitted !== undefined && response.status === 202, `submitJob answered ${response.status}`);
  const job = await awaitEnd(submitted.id);
  check(job.type === 'score', `a score job, not ${job.type}`);
  const scored: ScoreJob = job;
  check(scored.status === 'succeeded' && scored.result !== null, `the job ${scored.status}: ${JSON.stringify(scored.error)}`);
  const score: number = scored.result.score;
  const quotes: string[] = scored.result.evidence.map(evidence => evidence.quote);
  check(score >= 0 && score <= 100, `score ${score}`);
  check(quotes.length > 0 && quotes.every(quote => resume.includes(quote.split('\n')[0] ?? quote)), `quotes from the resume: ${quotes}`);
  check(['shortlist', 'maybe', 'reject'].includes(scored.result.recommendation), scored.result.recommendation);
});

let documentId = '';
await step('upload a resume as a document', async () => {
  const form = new FormData();
  form.append('file', new Blob([resume], { type: 'text/plain' }), 'jordan.txt');
  const { data, response } = await client.POST('/api/v1/documents', {
    body: { file: 'jordan.txt' },
    bodySerializer: () => form,
  });
  check(data !== undefined && (response.status === 201 || response.status === 200), `uploadDocument answered ${response.status}`);
  check(data.characters > 0 && data.mediaType === 'text/plain', JSON.stringify(data));
  documentId = data.id;
});

await step('run a batch and read its shortlist', async () => {
  const { data: batch, response } = await client.POST('/api/v1/batches', {
    body: {
      type: 'score',
      jobDescription: { text: jobDescription },
      resumes: [
        { externalId: 'uploaded', documentId },
        { externalId: 'inline', text: 'Frontend developer. React and CSS.' },
      ],
    },
  });
  check(batch !== undefined && response.status === 202, `submitBatch answered ${response.status}`);
  for (let round = 0; round < 120; round++) {
    const { data: shortlist } = await client.GET('/api/v1/batches/{id}/shortlist', { params: { path: { id: batch.id } } });
    check(shortlist !== undefined && typeof shortlist !== 'string', 'getShortlist answered with JSON');
    if (shortlist.complete) {
      check(shortlist.type === 'score', `a score batch's shortlist, not ${shortlist.type}`);
      check(shortlist.items.length === 2, `two ranked resumes, not ${shortlist.items.length}`);
      const first = shortlist.items[0];
      check(first !== undefined && first.externalId === 'uploaded' && first.score >= 0, `the Java resume first: ${JSON.stringify(first)}`);
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error('the batch did not complete');
});

await step('a job that does not exist is a problem detail', async () => {
  const { error, response } = await client.GET('/api/v1/jobs/{id}', {
    params: { path: { id: '00000000-0000-0000-0000-000000000000' } },
  });
  check(response.status === 404 && error !== undefined && error.status === 404, `answered ${response.status}`);
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
