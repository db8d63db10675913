// End-to-end tests of the dashboard in Debian's Chromium, driven by Playwright:
//   node e2e/run.mjs <baseUrl> [screenshotDir]      (SHORTLIST_E2E_ADMIN_KEY: an admin key)
// Prints one line per step and ends with "N passed, M failed"; exits non-zero on any failure.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openBrowser, runArguments, signIn } from './harness.mjs';

const { baseUrl, shots, adminKey } = runArguments();

// A fresh reference each run, so no answer comes from the result cache of an earlier run.
const RUN = `${Date.now()}-${process.pid}`;
const RESUME = `Jane Doe (reference ${RUN})
Backend engineer

Experience
Built services in Java for a payments platform.
Built Spring Boot microservices in Java on Kubernetes.
Tuned PostgreSQL queries and cut p99 latency by half.
Ran Kafka consumers for order events.`;
const JOB = 'Senior Java developer: Spring Boot, PostgreSQL, Kafka, Docker and Kubernetes.';
const WAIT = 30_000;

const { page, step, shot, finish } = await openBrowser(shots, WAIT);
const urls = [];
const eventRequests = [];
const consoleErrors = [];
page.on('request', request => {
  urls.push(request.url());
  if (request.url().endsWith('/events')) eventRequests.push(request.headers());
});
page.on('console', message => { if (message.type() === 'error') consoleErrors.push(message.text()); });
page.on('pageerror', error => consoleErrors.push(error.message));


async function downloaded(trigger) {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  return { name: download.suggestedFilename(), body: readFileSync(await download.path()) };
}

let jobUrl, batchUrl;

await step('sign in refuses an unknown key, then accepts an admin key from the keyboard', async () => {
  await page.goto(baseUrl);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('API key').fill('sl_not_a_real_key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('That key is unknown or revoked.').waitFor();
  await signIn(page, adminKey);
  await page.getByRole('link', { name: 'Admin' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'the key is not kept beyond the tab');
  await shot('01-signed-in');
});

await step('the keyboard reaches the controls in order, with a visible focus ring', async () => {
  await page.getByLabel('Job type').focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const element = document.activeElement;
    return { label: element.closest('label')?.textContent, outline: getComputedStyle(element).outlineStyle };
  });
  assert.match(focused.label, /Resume text/);
  assert.notEqual(focused.outline, 'none');
});

await step('submit a pasted resume and watch the job live until it succeeds', async () => {
  await page.getByLabel('Job type').selectOption('score');
  await page.getByLabel('Resume text').fill(RESUME);
  await page.getByLabel('Job description').fill(JOB);
  await page.getByRole('button', { name: 'Submit job' }).click();
  await page.getByRole('heading', { name: 'Job', exact: true }).waitFor();
  // The model takes a while: the page shows the job before it ends and follows it to the end by itself.
  await page.getByTestId('job-status').filter({ hasText: /queued|running/ }).waitFor();
  await shot('02-job-in-progress');
  await page.getByTestId('job-status').filter({ hasText: 'succeeded' }).waitFor();
  assert.equal(await page.getByTestId('job-progress').textContent(), '100 %');
  assert.ok(eventRequests.length > 0, 'followed the job through its event stream');
  jobUrl = page.url();
  await shot('02-job-result');
});

await step('the result shows the score with its evidence highlighted in the resume', async () => {
  const score = Number(await page.getByTestId('score').textContent());
  assert.ok(score >= 0 && score <= 100, `score ${score}`);
  const marks = await page.getByLabel('Resume with evidence highlighted').locator('mark').allTextContents();
  assert.ok(marks.length > 0, 'evidence is marked');
  for (const quote of marks) assert.ok(RESUME.includes(quote), `"${quote}" is resume text`);
  await page.getByRole('heading', { name: 'Matched skills' }).waitFor();
});

// A nurse posting scored by the local engine, submitted through the API as an integration would.
const NURSE_POSTING = 'Critical Care Registered Nurse. We need an active RN license, BSN, 3+ years ICU experience,'
  + ' ACLS and BLS certification. CCRN preferred.';
const NURSE = `Jane Doe
jane.doe@example.com, +1 555 010 7788
ICU RN
Registered nurse in a 20-bed medical intensive care unit, Mercy Hospital, Jan 2019 - Present
Jane Doe earned a Bachelor of Science in Nursing, State University, 2018
Reference ${RUN}`;

async function localScore(blind) {
  const response = await page.request.post(`${baseUrl}/api/v1/jobs`, {
    headers: { Authorization: `Bearer ${adminKey}` },
    data: { type: 'score', resume: { text: NURSE }, jobDescription: { text: NURSE_POSTING }, options: { engine: 'local', blind } },
  });
  assert.equal(response.status(), 202, await response.text());
  await page.goto(`${baseUrl}/#/jobs/${(await response.json()).id}`);
  await page.getByTestId('job-status').filter({ hasText: 'succeeded' }).waitFor();
  return page.getByRole('region', { name: 'Result' });
}

const requirement = name => page.getByTestId('requirement').filter({ has: page.locator('strong', { hasText: new RegExp(`^${name}$`) }) });

await step('a score lists what the posting asks: met with the resume line, missing marked missing', async () => {
  await localScore(false);
  await page.getByRole('heading', { name: 'What the posting asks' }).waitFor();
  const bls = requirement('BLS certification');
  assert.match(await bls.textContent(), /^missing BLS certification — not shown in the resume$/);
  assert.equal(await page.getByRole('list', { name: 'Required requirements' }).getByText('BLS certification').count(), 1, 'listed as required');
  assert.match(await requirement('CCRN').textContent(), /missing/);
  assert.equal(await page.getByRole('list', { name: 'Preferred requirements' }).getByText('CCRN').count(), 1, 'listed as preferred');
  assert.match(await requirement('BSN').textContent(),
    /^met BSN — “Jane Doe earned a Bachelor of Science in Nursing, State University, 2018”/);
  assert.equal(await page.getByTestId('job-title').textContent(), 'Critical Care Registered Nurse');
  assert.equal(await page.getByTestId('resume-title').textContent(), 'ICU RN');
  assert.match(await page.getByTestId('years').textContent(), /shown, 3 asked \(“3\+ years ICU experience”\) — enough$/);
  await shot('02b-requirements');
});

await step('a blind score shows the same list with who the candidate is masked', async () => {
  const result = await localScore(true);
  assert.match(await requirement('BSN').textContent(), /“\[name\] earned a Bachelor of Science in Nursing/);
  const text = await result.textContent();
  for (const secret of ['Jane', 'Doe', 'jane.doe@example.com', '555 010 7788']) assert.ok(!text.includes(secret), `${secret} is not shown`);
  // Nor beside it: a resume pasted in this tab for the job is not shown with a blind result, and is forgotten.
  const id = new URL(page.url()).hash.split('/').pop();
  await page.evaluate(([key, resume]) => sessionStorage.setItem(key, resume), [`shortlist.resume.${id}`, NURSE]);
  await page.reload();
  await page.getByTestId('job-status').filter({ hasText: 'succeeded' }).waitFor();
  const shown = await page.getByRole('region', { name: 'Result' }).textContent();
  for (const secret of ['Jane', 'Doe', 'jane.doe@example.com']) assert.ok(!shown.includes(secret), `${secret} is not shown beside it`);
  assert.equal(await page.evaluate(key => sessionStorage.getItem(key), `shortlist.resume.${id}`), null);
});

await step('download the result as Markdown, PDF and DOCX', async () => {
  const markdown = await downloaded(() => page.getByRole('button', { name: 'Download Markdown' }).click());
  assert.match(markdown.name, /\.md$/);
  assert.match(markdown.body.toString('utf8'), /score|Score/);
  const pdf = await downloaded(() => page.getByRole('button', { name: 'Download PDF' }).click());
  assert.equal(pdf.body.subarray(0, 5).toString('latin1'), '%PDF-');
  const docx = await downloaded(() => page.getByRole('button', { name: 'Download DOCX' }).click());
  assert.equal(docx.body.subarray(0, 2).toString('latin1'), 'PK');
});

await step('the submit form shows only the fields of the chosen job type', async () => {
  await page.getByRole('link', { name: 'Submit a job' }).click();
  const resume = page.getByLabel('Resume text');
  const profile = page.getByLabel('Candidate profile (JSON)');
  for (const [type, resumeShown] of [['score', true], ['generate', false], ['tailor', true], ['score', true]]) {
    await page.getByLabel('Job type').selectOption(type);
    assert.equal(await resume.isVisible(), resumeShown, `${type}: resume fields ${resumeShown ? 'shown' : 'hidden'}`);
    assert.equal(await page.getByLabel('Resume file').isVisible(), resumeShown);
    assert.equal(await profile.isVisible(), !resumeShown, `${type}: profile ${resumeShown ? 'hidden' : 'shown'}`);
  }
});

await step('upload a resume document and submit it', async () => {
  await page.getByRole('link', { name: 'Submit a job' }).click();
  await page.getByLabel('Resume file').setInputFiles({ name: 'jane.md', mimeType: 'text/markdown', buffer: Buffer.from(RESUME) });
  await page.getByLabel('Job description').fill(JOB);
  await page.getByRole('button', { name: 'Submit job' }).click();
  await page.getByTestId('job-status').filter({ hasText: 'succeeded' }).waitFor();
  assert.ok(await page.getByLabel('Resume with evidence highlighted').locator('mark').count() > 0);
});

await step('cancel a job, retry it, and watch the new run succeed', async () => {
  await page.getByRole('link', { name: 'Submit a job' }).click();
  await page.getByLabel('Resume text').fill(`${RESUME}\nRetried (reference ${RUN})`);
  await page.getByLabel('Job description').fill(JOB);
  await page.getByRole('button', { name: 'Submit job' }).click();
  await page.getByRole('button', { name: 'Cancel job' }).click();
  await page.getByTestId('job-status').filter({ hasText: 'cancelled' }).waitFor();
  await page.getByRole('button', { name: 'Retry job' }).click();
  await page.getByTestId('job-status').filter({ hasText: 'succeeded' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Retry job' }).isVisible(), false, 'a succeeded job is not retried');
});

await step('the live updates came by streaming with the key in a header, never in a URL', async () => {
  for (const headers of eventRequests) assert.equal(headers.authorization, `Bearer ${adminKey}`);
  const leaked = urls.filter(url => url.includes(adminKey));
  assert.deepEqual(leaked, []);
});

const SKILLS = ['Java, Spring Boot, PostgreSQL, Kafka, Docker, Kubernetes', 'Java and PostgreSQL', 'Python and Django',
  'Spring Boot, Kafka and Docker', 'Go and Kubernetes', 'Java, Kafka, Kubernetes'];

await step('run a batch from uploaded documents and watch its progress', async () => {
  await page.getByRole('link', { name: 'Batches' }).click();
  await page.getByLabel('Resume files').setInputFiles(SKILLS.map((skills, i) => ({
    name: `candidate-${i + 1}.txt`, mimeType: 'text/plain',
    buffer: Buffer.from(`Candidate ${i + 1} (reference ${RUN})\nSoftware engineer\n\nSkills\n${skills}\n\nExperience\nBuilt services with ${skills}.`),
  })));
  await page.getByLabel('Job description').fill(JOB);
  await page.getByRole('button', { name: 'Start batch' }).click();
  await page.getByRole('heading', { name: 'Batch', exact: true }).waitFor();
  await page.getByTestId('batch-counts').filter({ hasText: 'completed' }).waitFor();
  assert.equal(await page.getByTestId('batch-progress').textContent(), '100 %');
  batchUrl = page.url();
  await shot('03-batch');
});

await step('the ranked shortlist filters by skill and score', async () => {
  const rows = page.getByRole('region', { name: /Shortlist:/ }).locator('tbody tr');
  await page.getByRole('region', { name: /Shortlist: 6 of 6/ }).waitFor();
  assert.equal(await rows.count(), 6);
  const scores = (await rows.locator('td:nth-child(3)').allTextContents()).map(Number);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first');
  const matched = (await rows.locator('td:nth-child(6)').allTextContents()).map(cell => cell.toLowerCase().split(', '));
  const skill = matched[0][0];
  const having = matched.filter(skills => skills.includes(skill)).length;
  await page.getByLabel('Has skill').fill(skill);
  await page.getByRole('region', { name: new RegExp(`Shortlist: ${having} of 6`) }).waitFor();
  await page.getByLabel('Has skill').fill('no-such-skill');
  await page.getByRole('region', { name: /Shortlist: 0 of 6/ }).waitFor();
  await page.getByLabel('Has skill').fill('');
  await page.getByLabel('Minimum score').fill(String(scores[0]));
  const top = await page.getByRole('region', { name: /Shortlist: \d of 6/ }).getAttribute('aria-label');
  assert.ok(Number(top.match(/Shortlist: (\d)/)[1]) >= 1);
  await page.getByLabel('Minimum score').fill('0');
});

await step('download the shortlist as CSV', async () => {
  const csv = await downloaded(() => page.getByRole('button', { name: 'Download CSV' }).click());
  assert.match(csv.name, /\.csv$/);
  const lines = csv.body.toString('utf8').trim().split(/\r?\n/);
  assert.match(lines[0], /^rank,externalId,jobId,score/);
  assert.equal(lines.length, 7);
  assert.ok(lines.some(line => line.includes('candidate-1.txt')));
});

await step('a batch whose candidates self-identified shows the adverse-impact report and flags the group selected less', async () => {
  await page.getByTestId('impact-none').filter({ hasText: 'No candidate in this batch gave self-identified categories' }).waitFor();
  const strong = 'Java, Spring Boot, PostgreSQL, Kafka, Docker and Kubernetes';
  const weak = 'watercolour painting and pottery';
  const people = [['male', 'white', strong], ['male', 'white', strong], ['male', 'asian', strong], ['male', 'asian', strong],
    ['female', 'white', weak], ['female', 'white', weak], ['female', 'asian', weak], ['female', 'asian', weak], [null, null, weak]];
  const resumes = people.map(([sex, raceEthnicity, skills], i) => ({
    externalId: `impact-${i + 1}`,
    text: `Candidate ${i + 1} (impact reference ${RUN})\nSoftware engineer\n\nSkills\n${skills}\n\nExperience\nBuilt things with ${skills}.`,
    ...(sex ? { selfIdentified: { sex, raceEthnicity } } : {}),
  }));
  const response = await page.request.post(`${baseUrl}/api/v1/batches`, {
    headers: { Authorization: `Bearer ${adminKey}` },
    data: { type: 'score', jobDescription: { text: JOB }, resumes, options: { engine: 'local' } },
  });
  assert.equal(response.status(), 202, await response.text());
  await page.goto(`${baseUrl}/#/batches/${(await response.json()).id}`);
  await page.getByTestId('batch-counts').filter({ hasText: 'completed' }).waitFor();
  await page.getByLabel('Selected are').selectOption('top');
  await page.getByLabel('How many').fill('4');
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.getByText('Selected: the best 4 — 4 of 9 scored candidates.').waitFor();
  const scope = await page.getByTestId('impact-scope').textContent();
  assert.match(scope, /1 of 9 did not/);
  assert.match(scope, /not a finding of discrimination/);
  const row = (caption, group) => page.getByRole('region', { name: caption, exact: true }).locator('tbody tr')
    .filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${group}$`) }) });
  const female = await row('Adverse impact by sex', 'female').locator('td').allTextContents();
  assert.deepEqual(female.slice(0, 6), ['female', '4', '0', '0.0 %', '0.00', 'below four fifths']);
  assert.match(female[8], /too few to judge/);
  const male = await row('Adverse impact by sex', 'male').locator('td').allTextContents();
  assert.deepEqual(male.slice(0, 6), ['male', '4', '4', '100.0 %', '1.00', 'no']);
  assert.match(await row('Adverse impact by sex and race/ethnicity', 'female, asian').textContent(), /below four fifths/);
  assert.match(await row('Adverse impact by race/ethnicity', 'white').textContent(), /50\.0 %/);
  await shot('03d-adverse-impact');
});

await step('a two-stage batch says which engine scored each resume', async () => {
  await page.getByRole('link', { name: 'Batches' }).click();
  await page.getByLabel('Resume files').setInputFiles(SKILLS.slice(0, 4).map((skills, i) => ({
    name: `two-stage-${i + 1}.txt`, mimeType: 'text/plain',
    buffer: Buffer.from(`Candidate ${i + 1} (two-stage reference ${RUN})\nSoftware engineer\n\nSkills\n${skills}\n\nExperience\nBuilt services with ${skills}.`),
  })));
  await page.getByLabel('Job description').fill(JOB);
  await page.getByLabel('Re-score the best').fill('2');
  await page.getByRole('button', { name: 'Start batch' }).click();
  await page.getByRole('heading', { name: 'Batch', exact: true }).waitFor();
  await page.getByTestId('batch-counts').filter({ hasText: 'completed' }).waitFor();
  const rows = page.getByRole('region', { name: /Shortlist: 4 of 4/ }).locator('tbody tr');
  await rows.first().waitFor();
  const engines = await rows.locator('td:nth-child(4)').allTextContents();
  assert.equal(engines.length, 4);
  // The best two were re-scored by the model, their local score beside; the others kept the local one.
  for (const engine of engines.slice(0, 2)) assert.match(engine, /^openai \(local \d+\)$/);
  assert.deepEqual(engines.slice(2), ['local', 'local']);
  await shot('03b-two-stage-batch');
});

await step('a tailor batch ranks by the ATS score after tailoring, with the score before', async () => {
  await page.getByRole('link', { name: 'Batches' }).click();
  await page.getByLabel('Batch type').selectOption('tailor');
  assert.equal(await page.getByLabel('Re-score the best').isVisible(), false, 'only score batches are re-scored');
  await page.getByLabel('Resume files').setInputFiles(SKILLS.slice(0, 3).map((skills, i) => ({
    name: `tailor-${i + 1}.txt`, mimeType: 'text/plain',
    buffer: Buffer.from(`Candidate ${i + 1} (tailor reference ${RUN})\nSoftware engineer\n\nSkills\n${skills}\n\nExperience\nBuilt services with ${skills}.`),
  })));
  await page.getByLabel('Job description').fill(JOB);
  await page.getByRole('button', { name: 'Start batch' }).click();
  await page.getByRole('heading', { name: 'Batch', exact: true }).waitFor();
  await page.getByTestId('batch-counts').filter({ hasText: 'completed' }).waitFor();
  const region = page.getByRole('region', { name: /Shortlist: 3 of 3 tailored/ });
  await region.waitFor();
  const headers = await region.locator('th').allTextContents();
  assert.deepEqual(headers.slice(0, 5), ['Rank', 'Resume', 'ATS score after', 'Before', 'Change']);
  const after = (await region.locator('tbody td:nth-child(3)').allTextContents()).map(Number);
  assert.deepEqual(after, [...after].sort((a, b) => b - a), 'best first');
  assert.equal(await page.getByLabel('Recommendation').isVisible(), false, 'tailored resumes have no recommendation');
  const csv = await downloaded(() => page.getByRole('button', { name: 'Download CSV' }).click());
  assert.match(csv.body.toString('utf8'), /^rank,externalId,jobId,atsScoreAfter,atsScoreBefore/);
  await shot('03c-tailor-batch');
});

await step('your batches are listed from the service, newest first, filtered by status', async () => {
  await page.getByRole('link', { name: 'Batches' }).click();
  const rows = page.getByRole('region', { name: 'Your latest batches' }).locator('tbody tr');
  await rows.first().waitFor();
  assert.match(await rows.first().textContent(), /tailor.*completed/, 'the tailor batch just run is first');
  // The filter is the service's: the page asks for completed batches only.
  const filtered = page.waitForResponse(response => response.url().includes('/api/v1/batches?')
    && response.url().includes('status=completed'));
  await page.getByLabel('Status').selectOption('completed');
  await filtered;
  await rows.filter({ hasNotText: 'completed' }).first().waitFor({ state: 'detached' });
  const statuses = await rows.locator('td:nth-child(3)').allTextContents();
  assert.ok(statuses.length >= 3 && statuses.every(status => status === 'completed'), statuses.join(', '));
});

await step('admins see system status with charts, keys, dead letters and the audit trail', async () => {
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('heading', { name: 'System status' }).waitFor();
  assert.ok(await page.locator('svg[role="img"]').count() >= 3);
  await page.getByRole('heading', { name: 'API keys' }).waitFor();
  await page.getByLabel('Key name').fill('e2e-user');
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByText('New key (shown once').waitFor();
  await page.getByRole('button', { name: 'Count replay (dry run)' }).click();
  await page.getByTestId('replay-result').filter({ hasText: 'failed jobs match' }).waitFor();
  await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
  await shot('04-admin');
});

await step('readable at 200 % zoom: one column, nothing wider than the window', async () => {
  // 200 % zoom of a 1280 × 900 window lays the page out in 640 × 450 CSS pixels.
  await page.setViewportSize({ width: 640, height: 450 });
  const pages = [
    ['submit', `${baseUrl}/#/submit`, page.getByRole('button', { name: 'Submit job' })],
    ['job', jobUrl, page.getByRole('region', { name: 'Result' })],
    ['batch', batchUrl, page.getByRole('region', { name: /Shortlist: 6 of 6/ })],
    ['admin', `${baseUrl}/#/admin`, page.getByRole('heading', { name: 'System status' })],
  ];
  for (const [name, url, content] of pages) {
    await page.goto(url);
    await page.reload();
    await content.waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px`);
    await shot(`05-zoom-200-${name}`);
  }
  await page.goto(`${baseUrl}/#/submit`);
  const button = page.getByRole('button', { name: 'Submit job' });
  await button.scrollIntoViewIfNeeded();
  assert.ok(await button.isVisible());
});

await step('sign out forgets the key', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
});

await step('no script errors on any page', async () => {
  assert.deepEqual(consoleErrors.filter(text => !text.includes('401') && !text.includes('403')), []);
});

await finish();
