// A 1,000-resume batch in the dashboard: created through the API, followed live on its page
// (counts and progress change without a reload) to the end, then its ranked shortlist paged.
//   node e2e/big-batch.mjs <baseUrl> [screenshotDir]      (SHORTLIST_E2E_ADMIN_KEY: an admin key)
import assert from 'node:assert/strict';
import { openBrowser, runArguments, signIn } from './harness.mjs';

const { baseUrl, shots, adminKey } = runArguments();
const RESUMES = 1000;
// Deadlines for conditions on a shared, loaded machine; nothing here is timed.
const WAIT = 300_000;
const RUN = `${Date.now()}-${process.pid}`;
const SKILLS = ['Java', 'Spring Boot', 'PostgreSQL', 'Kafka', 'Docker', 'Kubernetes', 'Python', 'Go', 'React', 'AWS'];

// Short generated resumes, each different (so none is answered from the cache), with 1 to 6 skills.
const resumes = Array.from({ length: RESUMES }, (_, i) => {
  const skills = SKILLS.filter((_, s) => (i >> s) % 2 === 1 || s === i % SKILLS.length).slice(0, 1 + (i % 6));
  return {
    externalId: `candidate-${String(i + 1).padStart(4, '0')}`,
    text: `Candidate ${i + 1} (reference ${RUN})\nSoftware engineer\n\nSkills\n${skills.join(', ')}\n\n`
      + `Experience\nBuilt services with ${skills.join(' and ')} for ${1 + (i % 9)} years.`,
  };
});

const { page, step, shot, finish } = await openBrowser(shots, WAIT);
let batchId;

await step('a batch of 1,000 resumes starts through the API', async () => {
  await page.goto(baseUrl);
  await signIn(page, adminKey);
  const response = await fetch(`${baseUrl}/api/v1/batches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'score', jobDescription: { text: 'Senior Java developer: Spring Boot, PostgreSQL, Kafka, Docker and Kubernetes.' }, resumes }),
  });
  const body = await response.text();
  assert.equal(response.status, 202, body);
  const batch = JSON.parse(body);
  assert.equal(batch.total, RESUMES);
  batchId = batch.id;
});

await step('the batch page follows its progress live to the end, without a reload', async () => {
  assert.ok(batchId, 'no batch to follow');
  await page.evaluate(id => { window.notReloaded = true; location.hash = `#/batches/${id}`; }, batchId);
  await page.getByRole('heading', { name: 'Batch', exact: true }).waitFor();
  const progress = page.getByTestId('batch-progress');
  const counts = page.getByTestId('batch-counts');
  const seen = new Set();
  let shotInProgress = false;
  for (;;) {
    const [percent, text] = [await progress.textContent(), await counts.textContent()];
    seen.add(percent);
    if (!shotInProgress && /running/.test(text) && await page.getByRole('region', { name: /^Shortlist: [1-9]/ }).count()) {
      await shot('06-batch-1000-in-progress');
      shotInProgress = true;
    }
    if (/^completed/.test(text)) break;
    // Waits for the page to change by itself (or to finish), then looks again.
    await page.waitForFunction(([before, testId]) => {
      const now = document.querySelector(`[data-testid="${testId}"]`)?.textContent;
      return now !== before;
    }, [text, 'batch-counts'], { timeout: WAIT, polling: 100 });
  }
  assert.equal(await progress.textContent(), '100 %');
  assert.match(await counts.textContent(), /succeeded 1000/);
  assert.ok(seen.size >= 3, `progress seen moving: ${[...seen].join(', ')}`);
  assert.ok(await page.evaluate(() => window.notReloaded === true), 'the page was never reloaded');
  await shot('07-batch-1000-completed');
});

await step('the ranked shortlist of 1,000 opens a page of rows at a time, best first', async () => {
  assert.ok(batchId, 'no batch to open');
  const region = page.getByRole('region', { name: 'Shortlist: 1000 of 1000 scored' });
  await region.waitFor();
  const rows = region.locator('tbody tr');
  assert.equal(await rows.count(), 50);
  assert.equal(await page.getByTestId('shortlist-page').textContent(), 'Rows 1–50 of 1000');
  const first = (await rows.locator('td:nth-child(3)').allTextContents()).map(Number);
  assert.deepEqual(first, [...first].sort((a, b) => b - a), 'best first');
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.getByTestId('shortlist-page').filter({ hasText: 'Rows 51–100 of 1000' }).waitFor();
  assert.equal(await rows.first().locator('td').first().textContent(), '51');
  const second = (await rows.locator('td:nth-child(3)').allTextContents()).map(Number);
  assert.ok(second[0] <= first.at(-1), 'the next page continues the ranking');
  await shot('08-batch-1000-shortlist');
  // A filter starts again from the first page of what it keeps.
  await page.getByLabel('Minimum score').fill(String(first[0]));
  const filtered = page.getByRole('region', { name: /^Shortlist: \d+ of 1000 scored$/ });
  const kept = Number((await filtered.getAttribute('aria-label')).match(/Shortlist: (\d+)/)[1]);
  assert.ok(kept >= 1 && kept < 1000, `${kept} at or above the top score`);
  assert.equal(await filtered.locator('tbody tr').first().locator('td').first().textContent(), '1');
  await page.getByLabel('Minimum score').fill('0');
  await rows.first().getByRole('link').click();
  await page.getByRole('heading', { name: 'Job', exact: true }).waitFor();
  await page.getByTestId('job-status').filter({ hasText: 'succeeded' }).waitFor();
});

await finish();
