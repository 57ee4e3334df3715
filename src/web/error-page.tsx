/** The page shown for an error outside the search pages (404, 400, 500): a title and one message. */
import { Layout } from './layout.tsx';
import { renderDocument } from './render-document.ts';

/** The error page's body. */
export function ErrorPage({ status, title, message }: { status: number; title: string; message: string }) {
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="error-status">{`Error ${status}`}</p>
      <p class="error-message">{message}</p>
      <p>
        <a href="/">Go to the front page</a> or search the archive with the box above.
      </p>
    </Layout>
  );
}

/** A full HTML error page (the server's error mapper uses it for every non-API route). */
export function renderErrorPage(status: number, title: string, message: string): string {
  return renderDocument(<ErrorPage status={status} title={title} message={message} />);
}
