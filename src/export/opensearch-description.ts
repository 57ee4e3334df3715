/** The OpenSearch 1.1 description that lets a browser add wirewatch as a search engine. */

/** XML text with the five special characters escaped. */
function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The description document for a server at `origin`. */
export function renderOpenSearchDescription(origin: string): string {
  const base = escapeXml(origin);
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>wirewatch</ShortName>
  <Description>Search the wirewatch news archive</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Url type="text/html" method="get" template="${base}/search?q={searchTerms}&amp;page={startPage?}"/>
  <Url type="application/atom+xml" template="${base}/search.atom?q={searchTerms}"/>
  <Url type="application/opensearchdescription+xml" rel="self" template="${base}/opensearch.xml"/>
</OpenSearchDescription>
`;
}
