import { useMergeProblems } from '../cart/merge-problems-store.ts';

/** What could not move from the browser cart into the account at sign-in, and why. */
export function MergeProblems({ slug }: { slug: string }) {
  const merge = useMergeProblems();
  const problems = merge.problems.filter((p) => p.conferenceSlug === slug);
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="note note-warning">
      <p>Some items from before you signed in could not be added to your cart:</p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.what}:${p.message}`}>
            <strong>{p.what}</strong>: {p.message}
          </li>
        ))}
      </ul>
      <button type="button" className="button-link" onClick={merge.dismiss}>
        Dismiss
      </button>
    </div>
  );
}
