// Talks to the Shortlist API with the signed-in key in the Authorization header: never in
// a URL, so it stays out of access logs, history and Referer headers.

const KEY_SLOT = 'shortlist.apiKey';

/** The key lives in sessionStorage: this tab only, gone when it closes. */
export const session = {
  key() { return sessionStorage.getItem(KEY_SLOT); },
  signIn(key) { sessionStorage.setItem(KEY_SLOT, key); },
  signOut() { sessionStorage.clear(); },
  anonymous() { return sessionStorage.getItem('shortlist.anonymous') === 'yes'; },
  setAnonymous() { sessionStorage.setItem('shortlist.anonymous', 'yes'); },
  signedIn() { return this.key() !== null || this.anonymous(); },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problemText(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function problemText(status, problem) {
  if (!problem) return `The service answered ${status}.`;
  const fields = (problem.errors || problem.violations || [])
    .map(e => [e.field, e.message].filter(Boolean).join(': '))
    .filter(Boolean);
  return [problem.title, problem.detail, ...fields].filter(Boolean).join(' — ') || `The service answered ${status}.`;
}

function headers(extra = {}) {
  const all = { ...extra };
  const key = session.key();
  if (key) all.Authorization = `Bearer ${key}`;
  return all;
}

/** fetch with the key; throws ApiError with the problem+json text on any non-2xx. */
export async function call(path, { method = 'GET', body, headers: extra, key } = {}) {
  const init = { method, headers: headers(extra), cache: 'no-store' };
  if (key !== undefined) {
    if (key) init.headers.Authorization = `Bearer ${key}`; else delete init.headers.Authorization;
  }
  if (body instanceof FormData || body instanceof Blob) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function json(path, options) {
  const response = await call(path, options);
  return response.status === 204 ? null : response.json();
}

/** Fetches a file with the key and hands it to the browser as a download through a blob link. */
export async function download(path, fileName) {
  const response = await call(path);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Follows a server-sent-events endpoint with fetch(), because EventSource cannot send an
 * Authorization header. Calls onEvent with each event's parsed JSON data until the
 * server ends the stream or the signal aborts it.
 */
export async function follow(path, onEvent, signal) {
  const response = await call(path, { headers: { Accept: 'text/event-stream' } });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const abort = () => reader.cancel().catch(() => {});
  signal?.addEventListener('abort', abort);
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n')
          .filter(line => line.startsWith('data:'))
          .map(line => line.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data) onEvent(JSON.parse(data));
      }
    }
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}
