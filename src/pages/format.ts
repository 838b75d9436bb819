// Small pure helpers for the pages: how times, revisions and URLs are shown.

/** 2026-12-06T10:15:43.000Z → 2026-12-06 10:15 UTC (the same for every viewer; no script needed). */
export function timeText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

export function durationText(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A URL that may be a link target: absolute http(s) only; anything else (javascript:, data:, relative) is shown as text. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A commit's page, when the repository is on github.com; null otherwise (and for a non-sha revision). */
export function githubCommitUrl(gitUrl: string | null, revision: string): string | null {
  if (gitUrl === null || !/^[0-9a-f]{7,64}$/.test(revision)) return null;
  const m = /^(?:https:\/\/(?:[^@/]+@)?github\.com\/|ssh:\/\/git@github\.com\/|git@github\.com:)([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(gitUrl);
  return m ? `https://github.com/${m[1]}/${m[2]}/commit/${revision}` : null;
}

export function shortRevision(revision: string): string {
  return /^[0-9a-f]{40,64}$/.test(revision) ? revision.slice(0, 12) : revision;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The search words of `q`, lower-cased; a row matches when its text holds every one. */
export function searchTerms(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter((t) => t !== '');
}

export function matches(text: string, terms: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return terms.every((t) => lower.includes(t));
}
