/**
 * What a form post came to, above the page's forms: a refusal (announced at once to screen readers)
 * or what was done (announced politely). Nothing when there is neither.
 */
export function FormOutcome({ error, notice }: { error?: string | undefined; notice?: string | undefined }) {
  return (
    <>
      {error !== undefined ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {notice !== undefined ? (
        <p class="form-done" role="status">
          {notice}
        </p>
      ) : null}
    </>
  );
}
