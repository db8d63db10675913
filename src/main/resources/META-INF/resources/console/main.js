// The Shortlist dashboard: one page, a view per location hash (#/submit, #/jobs/<id>,
// #/batches/<id>, #/admin). Plain ES modules served by the service; no build step.
import { ApiError, call, download, follow, json, session } from './api.js';
import { barChart, field, h, highlighted, table } from './dom.js';

const view = document.getElementById('view');
const notice = document.getElementById('notice');
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const state = { admin: false, live: null };

function say(message, kind = 'info') {
  notice.className = `notice ${kind}`;
  notice.textContent = message;
}

function fail(error) {
  if (error instanceof ApiError && error.status === 401) {
    session.signOut();
    say('Your key was refused. Sign in again.', 'error');
    location.hash = '#/';
    return;
  }
  say(error.message || String(error), 'error');
}

/** Shows a view: stops the live updates of the one before, moves focus to its heading. */
function show(title, ...content) {
  state.live?.abort();
  state.live = new AbortController();
  const heading = h('h1', { tabindex: '-1' }, title);
  view.replaceChildren(heading, ...content);
  document.title = `${title} · Shortlist`;
  heading.focus();
  for (const link of document.querySelectorAll('#nav a')) {
    if (location.hash.startsWith(link.getAttribute('href'))) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  return state.live.signal;
}

/** Repeats a refresh until it says it is done or the view changes. */
async function repeat(signal, refresh, everyMs = 1000) {
  while (!signal.aborted) {
    let done = false;
    try { done = await refresh(); } catch (error) { fail(error); done = true; }
    if (done) return;
    await new Promise(resolve => setTimeout(resolve, everyMs));
  }
}

// ---- sign in ----------------------------------------------------------------------

function renderWho() {
  const who = document.getElementById('who');
  const nav = document.getElementById('nav');
  nav.hidden = !session.signedIn();
  for (const item of nav.querySelectorAll('[data-admin]')) item.hidden = !state.admin;
  if (!session.signedIn()) { who.replaceChildren(); return; }
  const key = session.key();
  who.replaceChildren(
    h('span', {}, key ? `Signed in with key ${key.slice(0, 8)}…` : 'Signed in without a key (development)'),
    h('button', { type: 'button', class: 'secondary', onclick: signOut }, 'Sign out'));
}

function signOut() {
  session.signOut();
  state.admin = false;
  renderWho();
  say('Signed out.');
  location.hash = '#/';
  route();
}

/** Whether the current key may use the admin routes: asked once at sign-in. */
async function probeAdmin() {
  try {
    await call('/api/v1/admin/stats');
    state.admin = true;
  } catch {
    state.admin = false;
  }
}

async function signIn(key) {
  await call('/api/v1/usage', { key: key || null });
  if (key) session.signIn(key); else session.setAnonymous();
  await probeAdmin();
  renderWho();
  say(state.admin ? 'Signed in as an admin.' : 'Signed in.');
  location.hash = '#/submit';
}

function signInView() {
  show('Sign in');
  const keyInput = h('input', { type: 'password', name: 'key', autocomplete: 'off', required: true, spellcheck: 'false' });
  const form = h('form', {
    class: 'card', onsubmit: async event => {
      event.preventDefault();
      try { await signIn(keyInput.value.trim()); } catch (error) {
        say(error.status === 401 ? 'That key is unknown or revoked.' : error.message, 'error');
      }
    },
  },
  h('p', {}, 'Your API key stays in this browser tab only and is sent in the Authorization header, never in a URL.'),
  field('API key', keyInput),
  h('div', { class: 'actions' },
    h('button', { type: 'submit' }, 'Sign in'),
    h('button', {
      type: 'button', class: 'secondary', onclick: async () => {
        try { await signIn(null); } catch (error) {
          say(error.status === 401 ? 'This service requires an API key.' : error.message, 'error');
        }
      },
    }, 'Continue without a key')));
  view.append(form);
}

// ---- submit a job -------------------------------------------------------------------

function select(name, options, chosen) {
  return h('select', { name }, options.map(([value, label]) =>
    h('option', { value, selected: value === chosen }, label)));
}

/** Uploads a file as a document and returns its id and extracted text. */
async function upload(file) {
  const form = new FormData();
  form.append('file', file, file.name);
  const stored = await json('/api/v1/documents', { method: 'POST', body: form });
  const full = await json(`/api/v1/documents/${stored.id}`);
  return { id: stored.id, text: full.text, fileName: file.name };
}

function rememberResume(jobId, text) {
  try { sessionStorage.setItem(`shortlist.resume.${jobId}`, text); } catch { /* tab storage full: no highlight */ }
}

function submitView() {
  show('Submit a job');
  const type = select('type', [['score', 'Score against the job'], ['tailor', 'Tailor to the job'], ['generate', 'Generate from a profile']], 'score');
  const priority = select('priority', ['critical', 'high', 'normal', 'low', 'bulk'].map(p => [p, p]), 'normal');
  const resumeText = h('textarea', { name: 'resume', rows: '10' });
  const resumeFile = h('input', { type: 'file', name: 'resumeFile', accept: '.pdf,.docx,.txt,.md' });
  const profile = h('textarea', { name: 'profile', rows: '8', placeholder: '{"name": "…", "experience": [...]}' });
  const jd = h('textarea', { name: 'jobDescription', rows: '8', required: true });
  const resumeFields = h('fieldset', {}, h('legend', {}, 'Resume: paste it or upload a file'),
    field('Resume text', resumeText), field('Resume file', resumeFile, 'PDF, DOCX, TXT or Markdown; used instead of the text'));
  const profileField = field('Candidate profile (JSON)', profile);
  profileField.hidden = true;
  type.addEventListener('change', () => {
    resumeFields.hidden = type.value === 'generate';
    profileField.hidden = type.value !== 'generate';
  });
  const button = h('button', { type: 'submit' }, 'Submit job');
  const form = h('form', {
    class: 'card', onsubmit: async event => {
      event.preventDefault();
      button.disabled = true;
      try {
        const body = { type: type.value, priority: priority.value, jobDescription: { text: jd.value } };
        let text = null;
        if (type.value === 'generate') {
          try { body.profile = JSON.parse(profile.value); } catch {
            throw new Error('The candidate profile is not valid JSON.');
          }
        } else if (resumeFile.files.length) {
          say('Uploading the resume…');
          const document = await upload(resumeFile.files[0]);
          body.resume = { documentId: document.id };
          text = document.text;
        } else {
          body.resume = { text: resumeText.value };
          text = resumeText.value;
        }
        const job = await json('/api/v1/jobs', { method: 'POST', body });
        if (text) rememberResume(job.id, text);
        say('Job submitted.');
        location.hash = `#/jobs/${job.id}`;
      } catch (error) {
        fail(error);
      } finally {
        button.disabled = false;
      }
    },
  },
  field('Job type', type), resumeFields, profileField, field('Job description', jd), field('Priority', priority),
  h('div', { class: 'actions' }, button));
  view.append(form);
}

// ---- one job ------------------------------------------------------------------------

const pill = status => h('span', { class: `pill ${status}` }, status);

function jobSummary(job) {
  return h('dl', { class: 'facts' },
    h('dt', {}, 'Status'), h('dd', { 'data-testid': 'job-status' }, pill(job.status)),
    h('dt', {}, 'Type'), h('dd', {}, job.type),
    h('dt', {}, 'Attempts'), h('dd', {}, `${job.attempts} of ${job.maxAttempts}`),
    h('dt', {}, 'Created'), h('dd', {}, new Date(job.createdAt).toLocaleString()),
    job.cacheHit ? [h('dt', {}, 'Cache'), h('dd', {}, 'answered from the cache')] : null);
}

function resultPanel(job) {
  if (job.status === 'failed' && job.error) {
    return h('section', { class: 'card error' }, h('h2', {}, 'Failed'),
      h('p', {}, `${job.error.code}: ${job.error.message}`));
  }
  if (job.status !== 'succeeded' || !job.result) return null;
  const r = job.result;
  const downloads = h('div', { class: 'actions' }, [['pdf', 'PDF'], ['docx', 'DOCX'], ['markdown', 'Markdown']].map(([format, label]) =>
    h('button', {
      type: 'button', class: 'secondary',
      onclick: () => download(`/api/v1/jobs/${job.id}/result?format=${format}`,
        `${job.type}-${job.id}.${format === 'markdown' ? 'md' : format}`).catch(fail),
    }, `Download ${label}`)));
  const parts = [h('h2', {}, 'Result'), downloads];
  if (job.type === 'score') {
    parts.push(h('p', { class: 'score' }, h('strong', { 'data-testid': 'score' }, `${r.score}`), ' / 100 — ',
      pill(r.recommendation)));
    parts.push(h('p', {}, r.summary));
    parts.push(h('div', { class: 'columns' },
      h('div', {}, h('h3', {}, 'Matched skills'), h('ul', {}, (r.matchedSkills || []).map(s => h('li', {}, s)))),
      h('div', {}, h('h3', {}, 'Missing skills'), h('ul', {}, (r.missingSkills || []).map(s => h('li', {}, s))))));
    parts.push(titleAndYears(r), requirementsList(r.requirements));
    // Evidence is {skill, quote} from the local engine; a model may give bare quotes.
    const evidence = (r.evidence || []).map(e => typeof e === 'string' ? { skill: 'evidence', quote: e } : e);
    // A blind result must not show who the candidate is: the text pasted in this tab is not shown beside it.
    const blind = Boolean(r.flags && r.flags.blind);
    if (blind) sessionStorage.removeItem(`shortlist.resume.${job.id}`);
    const text = blind ? null : sessionStorage.getItem(`shortlist.resume.${job.id}`);
    parts.push(h('h3', {}, 'Evidence in the resume'));
    const quotes = [...evidence.map(e => e.quote), ...(r.requirements || []).map(q => q.quote)];
    if (text) parts.push(highlighted(text, quotes));
    parts.push(h('ul', { class: 'evidence' }, evidence.map(e => h('li', {}, h('strong', {}, e.skill), ': “', e.quote, '”'))));
  } else {
    if (r.summary) parts.push(h('p', {}, r.summary));
    parts.push(h('pre', { class: 'resume', 'aria-label': 'Resume' }, r.resumeMarkdown || ''));
    if (Array.isArray(r.changes)) parts.push(h('h3', {}, 'Changes'), h('ul', {}, r.changes.map(c => h('li', {}, typeof c === 'string' ? c : JSON.stringify(c)))));
  }
  return h('section', { class: 'card', 'aria-label': 'Result' }, parts);
}

const component = (result, name) => (result.components || []).find(c => c.name === name);

/** The job's title beside the resume's, and the years asked beside the years shown (the local engine's result). */
function titleAndYears(r) {
  if (r.jobTitle === undefined && r.resumeTitle === undefined && r.yearsRequired === undefined) return null;
  const fit = component(r, 'titleFit')?.score;
  const fitText = fit == null ? 'not compared: one side names no title'
    : fit >= 100 ? 'a close match' : fit > 0 ? `related (${fit} of 100)` : 'not close';
  // The experience detail quotes the posting's clause that asks the years: “3+ years ICU experience”.
  const clause = component(r, 'experience')?.detail?.match(/\u201c(.+)\u201d/)?.[1];
  const shown = r.yearsOfExperience ?? 0;
  const years = r.yearsRequired == null ? `${shown} shown; the posting asks for no number of years`
    : `${shown} shown, ${r.yearsRequired} asked${clause ? ` (“${clause}”)` : ''} — ${shown >= r.yearsRequired ? 'enough' : 'fewer than asked'}`;
  return h('section', { 'aria-label': 'Title and experience' }, h('h3', {}, 'Title and experience'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Job title'), h('dd', { 'data-testid': 'job-title' }, r.jobTitle || 'not named in the posting'),
      h('dt', {}, 'Resume title'), h('dd', { 'data-testid': 'resume-title' }, r.resumeTitle || 'none found'),
      h('dt', {}, 'Titles compared'), h('dd', {}, fitText),
      h('dt', {}, 'Years of experience'), h('dd', { 'data-testid': 'years' }, years)));
}

/** Every requirement the posting states: met ones with the resume's line, missing ones marked missing, required apart from preferred. */
function requirementsList(requirements) {
  if (!Array.isArray(requirements)) return null;
  const heading = h('h3', {}, 'What the posting asks');
  if (!requirements.length) {
    return h('section', { 'aria-label': 'Requirements' }, heading, h('p', {}, 'The engine found no requirement stated in the posting.'));
  }
  const groups = [['required', 'Required'], ['preferred', 'Preferred']].map(([kind, title]) => {
    const items = requirements.filter(q => (q.kind === 'preferred' ? 'preferred' : 'required') === kind);
    if (!items.length) return null;
    const met = items.filter(q => q.met).length;
    return h('div', {},
      h('h4', {}, `${title}: ${met} of ${items.length} shown`),
      h('ul', { class: 'requirements', 'aria-label': `${title} requirements` }, items.map(q => h('li', {
        'data-testid': 'requirement', class: q.met ? 'met' : 'missing',
      },
      h('span', { class: `pill ${q.met ? 'met' : 'missing'}` }, q.met ? 'met' : 'missing'), ' ',
      h('strong', {}, q.requirement),
      q.met && q.quote
        ? h('span', { class: 'quote' }, ' — “', q.quote, '”', q.section ? ` (${q.section}${q.matchedBy === 'meaning' ? ', same meaning in other words' : ''})` : '')
        : h('span', { class: 'quote' }, q.met ? '' : ' — not shown in the resume')))));
  });
  return h('section', { 'aria-label': 'Requirements' }, heading, groups);
}

/** What a running job is doing, as its stage says (GET /api/v1/jobs/{id}: stage). */
const STAGES = {
  reading: 'reading the job description', screening: 'screening the resume', scoring: 'scoring',
  model_call: 'waiting for the model', writing: 'writing the result',
};

function jobView(id) {
  const signal = show('Job');
  const progress = h('progress', { max: '100', value: '0', 'aria-label': 'Job progress' });
  const progressText = h('span', { 'data-testid': 'job-progress' }, '0 %');
  const summary = h('div');
  const result = h('div');
  const cancel = h('button', {
    type: 'button', class: 'secondary', onclick: () => json(`/api/v1/jobs/${id}/cancel`, { method: 'POST' }).then(paint).catch(fail),
  }, 'Cancel job');
  // A failed or cancelled job runs again from its first attempt; the view then follows the new run.
  const retry = h('button', {
    type: 'button', class: 'secondary', hidden: true,
    onclick: () => json(`/api/v1/jobs/${id}/retry`, { method: 'POST' }).then(() => { say('Job queued again.'); jobView(id); }).catch(fail),
  }, 'Retry job');
  view.append(h('p', { class: 'mono' }, id), h('div', { class: 'progress' }, progress, progressText, cancel, retry), summary, result);
  function paint(job) {
    progress.value = job.progress;
    progressText.textContent = job.stage ? `${job.progress} % · ${STAGES[job.stage] || job.stage}` : `${job.progress} %`;
    summary.replaceChildren(jobSummary(job));
    cancel.hidden = TERMINAL.has(job.status);
    retry.hidden = job.status !== 'failed' && job.status !== 'cancelled';
    if (TERMINAL.has(job.status)) {
      result.replaceChildren(resultPanel(job) || '');
      say(`Job ${job.status}.`);
    }
  }
  // Live: the events stream sends the job at each change until it ends; a GET first
  // paints at once and covers a job that ended already.
  (async () => {
    try {
      const job = await json(`/api/v1/jobs/${id}`);
      paint(job);
      if (TERMINAL.has(job.status)) return;
      let last = job;
      await follow(`/api/v1/jobs/${id}/events`, next => { last = next; paint(next); }, signal);
      if (!signal.aborted && !TERMINAL.has(last.status)) paint(await json(`/api/v1/jobs/${id}`));
    } catch (error) {
      if (!signal.aborted) fail(error);
    }
  })();
}

async function jobsView() {
  show('Jobs');
  const status = select('status', [['', 'any'], ...['queued', 'running', 'succeeded', 'failed', 'cancelled'].map(s => [s, s])], '');
  const holder = h('div');
  const load = async () => {
    const query = status.value ? `&status=${status.value}` : '';
    const page = await json(`/api/v1/jobs?limit=50${query}`);
    holder.replaceChildren(table('Your latest jobs', ['Job', 'Type', 'Status', 'Progress', 'Created'],
      page.items.map(job => [h('a', { href: `#/jobs/${job.id}` }, job.id.slice(0, 8)), job.type, pill(job.status),
        `${job.progress} %`, new Date(job.createdAt).toLocaleString()])));
  };
  status.addEventListener('change', () => load().catch(fail));
  view.append(h('div', { class: 'filters' }, field('Status', status)), holder);
  await load().catch(fail);
}

// ---- batches ------------------------------------------------------------------------

async function batchesView() {
  show('Batches');
  const type = select('type', [['score', 'Score'], ['tailor', 'Tailor']], 'score');
  const files = h('input', { type: 'file', name: 'resumes', multiple: true, accept: '.pdf,.docx,.txt,.md', required: true });
  const jd = h('textarea', { name: 'jobDescription', rows: '8', required: true });
  const rescoreTop = h('input', { type: 'number', name: 'rescoreTop', min: '0', max: '1000', value: '0', inputmode: 'numeric' });
  const rescoreField = field('Re-score the best', rescoreTop, 'The local engine ranks every resume, the remote model re-scores this many of the best (0: none)');
  // Only score batches are re-scored.
  type.addEventListener('change', () => { rescoreField.hidden = type.value !== 'score'; });
  const button = h('button', { type: 'submit' }, 'Start batch');
  const form = h('form', {
    class: 'card', onsubmit: async event => {
      event.preventDefault();
      button.disabled = true;
      try {
        const list = [...files.files];
        const resumes = new Array(list.length);
        let next = 0, done = 0;
        // A few uploads at a time: quick for hundreds of files, gentle on the upload limit.
        await Promise.all(Array.from({ length: Math.min(4, list.length) }, async () => {
          while (next < list.length) {
            const i = next++;
            const form = new FormData();
            form.append('file', list[i], list[i].name);
            const stored = await json('/api/v1/documents', { method: 'POST', body: form });
            resumes[i] = { externalId: list[i].name, documentId: stored.id };
            say(`Uploaded ${++done} of ${list.length} resumes…`);
          }
        }));
        // Two stages: the local engine ranks every resume, the remote model re-scores the best few.
        const top = Number(rescoreTop.value || 0);
        const rescore = type.value === 'score' && top > 0 ? { rescore: { top } } : {};
        const batch = await json('/api/v1/batches', {
          method: 'POST', body: { type: type.value, jobDescription: { text: jd.value }, resumes, ...rescore },
        });
        say(`Batch of ${batch.total} resumes started.`);
        location.hash = `#/batches/${batch.id}`;
      } catch (error) {
        fail(error);
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h2', {}, 'New batch'),
  field('Resume files', files, 'Choose any number of PDF, DOCX, TXT or Markdown resumes'),
  field('Job description', jd), field('Batch type', type),
  rescoreField,
  h('div', { class: 'actions' }, button));
  const status = select('status', [['', 'any'], ['running', 'running'], ['completed', 'completed'], ['cancelled', 'cancelled']], '');
  const holder = h('div');
  const load = async () => {
    const query = status.value ? `&status=${status.value}` : '';
    const page = await json(`/api/v1/batches?limit=50${query}`);
    holder.replaceChildren(table('Your latest batches', ['Batch', 'Type', 'Status', 'Progress', 'Resumes', 'Created'],
      page.items.map(b => [h('a', { href: `#/batches/${b.id}` }, b.id.slice(0, 8)), b.type, pill(b.status), `${b.progress} %`,
        String(b.total), new Date(b.createdAt).toLocaleString()])));
  };
  status.addEventListener('change', () => load().catch(fail));
  view.append(form, h('section', { class: 'card', 'aria-label': 'Your batches' }, h('h2', {}, 'Your batches'),
    h('div', { class: 'filters' }, field('Status', status)), holder));
  await load().catch(fail);
}

// ---- adverse impact ------------------------------------------------------------------

const percent = value => value == null ? '—' : `${(value * 100).toFixed(1)} %`;
const ratio = value => value == null ? '—' : value.toFixed(2);
const flag = (below, category) => category === 'declined' ? 'not compared'
  : below == null ? '—' : below ? 'below four fifths' : 'no';

function impactTable(caption, groups, name) {
  return table(caption, ['Group', 'Candidates', 'Selected', 'Selection rate', 'Impact ratio', 'Four-fifths rule',
    'Scoring above median', 'Scoring impact ratio', 'Note'],
  groups.map(g => {
    const declined = g.sex === 'declined' || g.raceEthnicity === 'declined' ? 'declined' : null;
    const below = h('span', { class: g.belowFourFifths ? 'flag' : null }, flag(g.belowFourFifths, declined));
    return [name(g), String(g.count), String(g.selected), percent(g.selectionRate), ratio(g.impactRatio), below,
      `${percent(g.scoringRate)} (${flag(g.scoringBelowFourFifths, declined)})`, ratio(g.scoringImpactRatio), g.note || ''];
  }));
}

/**
 * A score batch's adverse-impact report at a cut the user chooses, from the categories its
 * candidates self-identified; a sentence instead when none were given.
 */
function impactPanel(id) {
  const kind = select('cutKind', [['score', 'score at least'], ['top', 'the best']], 'score');
  const value = h('input', { type: 'number', name: 'cutValue', min: '0', max: '100000', value: '70', inputmode: 'numeric' });
  const holder = h('div', { 'aria-live': 'polite' });
  const valueField = field('Score', value);
  const controls = h('form', { class: 'filters', onsubmit: event => { event.preventDefault(); load().catch(fail); } },
    field('Selected are', kind), valueField, h('button', { type: 'submit', class: 'secondary' }, 'Show report'));
  const valueLabel = valueField.querySelector('.label');
  kind.addEventListener('change', () => {
    valueLabel.textContent = kind.value === 'top' ? 'How many' : 'Score';
    value.value = kind.value === 'top' ? '10' : '70';
    load().catch(fail);
  });
  value.addEventListener('change', () => load().catch(fail));
  const section = h('section', { class: 'card', 'aria-label': 'Adverse impact' }, h('h2', {}, 'Adverse impact'), controls, holder);
  let asked = 0;
  async function load() {
    const mine = ++asked;
    const wanted = Math.max(kind.value === 'top' ? 1 : 0, Math.round(Number(value.value || 0)));
    const cut = `${kind.value}:${wanted}`;
    const report = await json(`/api/v1/batches/${id}/impact?cut=${encodeURIComponent(cut)}`);
    if (mine !== asked) return; // a later cut was asked for meanwhile
    const groups = report.sex.length + report.raceEthnicity.length;
    controls.hidden = groups === 0;
    if (groups === 0) {
      holder.replaceChildren(h('p', { 'data-testid': 'impact-none' }, report.scored === 0
        ? 'The adverse-impact report appears once resumes are scored.'
        : 'No candidate in this batch gave self-identified categories (sex, race/ethnicity), so there is no adverse-impact report.'));
      return;
    }
    const what = report.cut.kind === 'top' ? `the best ${report.cut.value}` : `a score of ${report.cut.value} or more`;
    holder.replaceChildren(h('div', { class: 'impact' },
      h('p', { 'data-testid': 'impact-scope' },
        'How often each self-identified group is selected, compared with the group selected most often. It counts only the '
        + `candidates who self-identified (${report.notSelfIdentified} of ${report.scored} did not), never compares those who declined, `
        + 'measures the score and this cut rather than your hiring decisions, and tests no statistical significance: a ratio below '
        + 'four fifths is a signal to look closer, not a finding of discrimination, and small groups cannot be judged either way.'),
      h('p', {}, `Selected: ${what} — ${report.selected} of ${report.scored} scored candidates. Median score ${report.medianScore ?? '—'}.`),
      impactTable('Adverse impact by sex', report.sex, g => g.sex),
      impactTable('Adverse impact by race/ethnicity', report.raceEthnicity, g => g.raceEthnicity),
      impactTable('Adverse impact by sex and race/ethnicity', report.intersections, g => `${g.sex}, ${g.raceEthnicity}`)));
  }
  // A report that cannot be had is said in the panel: the batch's live updates go on.
  return { section, refresh: () => load().catch(error => holder.replaceChildren(h('p', {}, error.message))) };
}

function batchView(id) {
  const signal = show('Batch');
  const progress = h('progress', { max: '100', value: '0', 'aria-label': 'Batch progress' });
  const progressText = h('span', { 'data-testid': 'batch-progress' }, '0 %');
  const counts = h('p', { 'data-testid': 'batch-counts' });
  const recommendation = select('recommendation', [['', 'any'], ['shortlist', 'shortlist'], ['maybe', 'maybe'], ['reject', 'reject']], '');
  const minScore = h('input', { type: 'number', name: 'minScore', min: '0', max: '100', value: '0', inputmode: 'numeric' });
  const recommendationField = field('Recommendation', recommendation);
  const skill = h('input', { type: 'search', name: 'skill' });
  const shortlistHolder = h('div');
  // A page of rows at a time: a batch of thousands stays quick to redraw every second.
  const PAGE_ROWS = 50;
  let entries = [], page = 0, scoredBefore = -1, tailored = false;
  const pageText = h('span', { 'data-testid': 'shortlist-page', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', class: 'secondary', onclick: () => { page--; paintShortlist(); } }, 'Previous page');
  const next = h('button', { type: 'button', class: 'secondary', onclick: () => { page++; paintShortlist(); } }, 'Next page');
  const pager = h('div', { class: 'actions' }, previous, pageText, next);
  // A tailor batch ranks by the ATS score after tailoring and has no recommendation; a score batch by its score.
  const scoreOf = e => (tailored ? e.atsScoreAfter : e.score);
  const skillsOf = e => (tailored ? e.keywordsAdded : e.matchedSkills);
  const paintShortlist = () => {
    const wanted = skill.value.trim().toLowerCase();
    recommendationField.hidden = tailored;
    const shown = entries.filter(e => (tailored || !recommendation.value || e.recommendation === recommendation.value)
      && scoreOf(e) >= Number(minScore.value || 0)
      && (!wanted || skillsOf(e).some(s => s.toLowerCase() === wanted)));
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_ROWS));
    page = Math.min(Math.max(page, 0), pages - 1);
    const rows = shown.slice(page * PAGE_ROWS, (page + 1) * PAGE_ROWS);
    pageText.textContent = shown.length ? `Rows ${page * PAGE_ROWS + 1}–${page * PAGE_ROWS + rows.length} of ${shown.length}` : '';
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
    const resume = e => h('a', { href: `#/jobs/${e.jobId}` }, e.externalId || e.jobId.slice(0, 8));
    const shortlist = tailored
      ? table(`Shortlist: ${shown.length} of ${entries.length} tailored`,
        ['Rank', 'Resume', 'ATS score after', 'Before', 'Change', 'Engine', 'Keywords added', 'Missing keywords'],
        rows.map(e => [String(e.rank), resume(e), String(e.atsScoreAfter), String(e.atsScoreBefore),
          `${e.atsScoreAfter >= e.atsScoreBefore ? '+' : ''}${e.atsScoreAfter - e.atsScoreBefore}`, e.engine,
          e.keywordsAdded.slice(0, 6).join(', '), e.missingKeywords.slice(0, 6).join(', ')]))
      : table(`Shortlist: ${shown.length} of ${entries.length} scored`,
        ['Rank', 'Resume', 'Score', 'Engine', 'Recommendation', 'Matched skills', 'Missing skills'],
        rows.map(e => [String(e.rank), resume(e), String(e.score),
          // A re-scored resume shows the local engine's score beside the model's.
          e.localScore == null ? e.engine : `${e.engine} (local ${e.localScore})`,
          pill(e.recommendation), e.matchedSkills.slice(0, 6).join(', '), e.missingSkills.slice(0, 6).join(', ')]));
    shortlistHolder.replaceChildren(shortlist, ...(pages > 1 ? [pager] : []));
  };
  for (const control of [recommendation, minScore, skill]) control.addEventListener('input', () => { page = 0; paintShortlist(); });
  const csv = h('button', {
    type: 'button', class: 'secondary',
    onclick: () => download(`/api/v1/batches/${id}/shortlist?format=csv&top=10000`, `shortlist-${id}.csv`).catch(fail),
  }, 'Download CSV');
  const cancel = h('button', {
    type: 'button', class: 'secondary', onclick: () => json(`/api/v1/batches/${id}/cancel`, { method: 'POST' }).catch(fail),
  }, 'Cancel batch');
  view.append(h('p', { class: 'mono' }, id), h('div', { class: 'progress' }, progress, progressText, cancel), counts,
    h('section', { class: 'card', 'aria-label': 'Shortlist' }, h('h2', {}, 'Ranked shortlist'),
      h('div', { class: 'filters' }, recommendationField, field('Minimum score', minScore),
        field('Has skill', skill), csv), shortlistHolder));
  // Only score batches have an adverse-impact report; it follows the shortlist as resumes are scored.
  const impact = impactPanel(id);
  impact.section.hidden = true;
  view.append(impact.section);
  // Live: the batch's counts each second, the shortlist as it grows, until it ends.
  repeat(signal, async () => {
    const batch = await json(`/api/v1/batches/${id}`);
    progress.value = batch.progress;
    progressText.textContent = `${batch.progress} %`;
    counts.textContent = `${batch.status} — ` + Object.entries(batch.counts).map(([s, n]) => `${s} ${n}`).join(', ') + ` of ${batch.total}`;
    cancel.hidden = batch.status !== 'running';
    // The ranked list is fetched again only when more resumes have been scored.
    const scored = batch.counts.succeeded ?? 0;
    if (scored !== scoredBefore) {
      const shortlist = await json(`/api/v1/batches/${id}/shortlist?top=10000`);
      entries = shortlist.items;
      tailored = shortlist.type === 'tailor';
      scoredBefore = scored;
      paintShortlist();
      impact.section.hidden = tailored;
      // Not awaited: the report never slows the live counts of a large batch.
      if (!tailored) impact.refresh();
    }
    if (batch.status !== 'running') say(`Batch ${batch.status}.`);
    return batch.status !== 'running';
  });
}

// ---- admin --------------------------------------------------------------------------

function statsPanel(stats) {
  const q = stats.queue;
  const windows = stats.throughput.map(w => [`${w.minutes} min`, w.completed]);
  return h('section', { class: 'card', 'aria-label': 'System status' }, h('h2', {}, 'System status'),
    h('div', { class: 'columns' },
      barChart('Jobs by state', Object.entries(q.byStatus)),
      barChart('Queued by priority', Object.entries(q.queuedByPriority)),
      barChart('Jobs finished per window', windows)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Oldest queued job'), h('dd', { 'data-testid': 'oldest-queued' }, q.oldestQueuedSeconds == null ? 'none queued' : `${q.oldestQueuedSeconds} s`),
      h('dt', {}, 'Running per replica'), h('dd', {}, stats.running.length ? stats.running.map(r => `${r.replica}: ${r.running}`).join(', ') : 'none'),
      h('dt', {}, 'Success rate (15 min)'), h('dd', {}, rate(stats.throughput.at(-1).successRate)),
      h('dt', {}, 'Latency p95 (5 min)'), h('dd', {}, ms(stats.throughput[1].latencyP95Ms)),
      h('dt', {}, 'Cache hit rate'), h('dd', {}, rate(stats.cache.hitRate)),
      h('dt', {}, 'LLM requests left today'), h('dd', {}, stats.llmQuota.requestsPerDayLeft ?? 'unlimited'),
      h('dt', {}, 'Database pool'), h('dd', {}, `${stats.databasePool.inUse} in use of ${stats.databasePool.max}, ${stats.databasePool.waiting} waiting`)));
}

const rate = value => value == null ? 'no data' : `${(value * 100).toFixed(1)} %`;
const ms = value => value == null ? 'no data' : `${Math.round(value)} ms`;

async function keysPanel() {
  const name = h('input', { name: 'name', required: true, maxlength: '100' });
  const role = select('role', [['user', 'user'], ['admin', 'admin']], 'user');
  const created = h('div', { 'aria-live': 'polite' });
  const list = h('div');
  const load = async () => {
    const keys = await json('/api/v1/admin/keys');
    list.replaceChildren(table('API keys', ['Name', 'Prefix', 'Role', 'Created', 'State', ''],
      keys.map(k => [k.name, h('span', { class: 'mono' }, k.prefix), k.role, new Date(k.createdAt).toLocaleString(),
        k.revokedAt ? 'revoked' : 'active',
        k.revokedAt ? '' : h('button', {
          type: 'button', class: 'secondary', 'aria-label': `Revoke key ${k.name}`,
          onclick: () => json(`/api/v1/admin/keys/${k.id}/revoke`, { method: 'POST' }).then(load).catch(fail),
        }, 'Revoke')])));
  };
  const form = h('form', {
    class: 'filters', onsubmit: async event => {
      event.preventDefault();
      try {
        const key = await json('/api/v1/admin/keys', { method: 'POST', body: { name: name.value, role: role.value } });
        created.replaceChildren(h('p', { class: 'secret' }, 'New key (shown once, copy it now): ', h('code', {}, key.key)));
        name.value = '';
        await load();
      } catch (error) { fail(error); }
    },
  }, field('Key name', name), field('Role', role), h('button', { type: 'submit' }, 'Create key'));
  await load();
  return h('section', { class: 'card', 'aria-label': 'API keys' }, h('h2', {}, 'API keys'), form, created, list);
}

async function auditPanel() {
  const kind = h('input', { name: 'kind', placeholder: 'e.g. auth_failed' });
  const list = h('div');
  const load = async () => {
    const page = await json(`/api/v1/admin/audit?limit=50${kind.value ? `&kind=${encodeURIComponent(kind.value)}` : ''}`);
    list.replaceChildren(table('Audit trail', ['When', 'Kind', 'Owner', 'Address', 'Detail'],
      page.items.map(e => [new Date(e.at).toLocaleString(), e.kind, e.owner || '', e.clientIp || '', JSON.stringify(e.detail)])));
  };
  await load();
  return h('section', { class: 'card', 'aria-label': 'Audit trail' }, h('h2', {}, 'Audit trail'),
    h('form', { class: 'filters', onsubmit: event => { event.preventDefault(); load().catch(fail); } },
      field('Event kind', kind), h('button', { type: 'submit', class: 'secondary' }, 'Filter audit trail')), list);
}

async function deadLettersPanel() {
  const code = h('input', { name: 'code', placeholder: 'e.g. llm_unavailable' });
  const type = select('type', [['', 'any'], ['score', 'score'], ['tailor', 'tailor'], ['generate', 'generate']], '');
  const owner = h('input', { name: 'owner' });
  const since = h('input', { name: 'since', type: 'datetime-local' });
  const result = h('p', { 'aria-live': 'polite', 'data-testid': 'replay-result' });
  const list = h('div');
  const filter = () => {
    const params = new URLSearchParams();
    if (code.value) params.set('code', code.value);
    if (type.value) params.set('type', type.value);
    if (owner.value) params.set('owner', owner.value);
    if (since.value) params.set('since', new Date(since.value).toISOString());
    return params;
  };
  const load = async () => {
    const page = await json(`/api/v1/admin/dead-letters?limit=100&${filter()}`);
    list.replaceChildren(table('Failed jobs', ['Job', 'Owner', 'Type', 'Error', 'Failures of this input', 'Failed at'],
      page.items.map(d => [h('span', { class: 'mono' }, d.id.slice(0, 8)), d.owner, d.type, `${d.error.code}: ${d.error.message}`,
        d.quarantined ? `${d.failuresOfInput} (quarantined)` : String(d.failuresOfInput), new Date(d.finishedAt).toLocaleString()])));
  };
  const replay = dryRun => async () => {
    try {
      const body = Object.fromEntries(filter());
      const answer = await json(`/api/v1/admin/dead-letters/replay${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body });
      result.textContent = dryRun
        ? `${answer.matched} failed jobs match; ${answer.replayable} would be re-queued, ${answer.quarantined} are quarantined.`
        : `${answer.replayed} jobs re-queued; ${answer.quarantined} quarantined inputs left failed.`;
      await load();
    } catch (error) { fail(error); }
  };
  await load();
  return h('section', { class: 'card', 'aria-label': 'Dead letters' }, h('h2', {}, 'Dead letters'),
    h('form', { class: 'filters', onsubmit: event => { event.preventDefault(); load().catch(fail); } },
      field('Error code', code), field('Job type', type), field('Owner', owner), field('Failed since', since),
      h('button', { type: 'submit', class: 'secondary' }, 'Filter dead letters'),
      h('button', { type: 'button', class: 'secondary', onclick: replay(true) }, 'Count replay (dry run)'),
      h('button', { type: 'button', onclick: replay(false) }, 'Replay matching jobs')),
    result, list);
}

async function adminView() {
  const signal = show('Admin');
  const status = h('div');
  view.append(status);
  try {
    view.append(await keysPanel(), await deadLettersPanel(), await auditPanel());
  } catch (error) { fail(error); }
  repeat(signal, async () => {
    status.replaceChildren(statsPanel(await json('/api/v1/admin/stats')));
    return false;
  }, 5000);
}

// ---- routing ------------------------------------------------------------------------

function route() {
  const [, page, id] = location.hash.split('/');
  if (!session.signedIn()) return signInView();
  if (page === 'jobs' && id) return jobView(id);
  if (page === 'jobs') return jobsView();
  if (page === 'batches' && id) return batchView(id);
  if (page === 'batches') return batchesView();
  if (page === 'admin' && state.admin) return adminView();
  return submitView();
}

window.addEventListener('hashchange', route);
(async () => {
  if (session.signedIn()) await probeAdmin();
  renderWho();
  route();
})();
