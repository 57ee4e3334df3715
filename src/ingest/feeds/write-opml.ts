/**
 * Writes a subscription list as OPML 2.0, with categories as nested folders (what feed readers import).
 */
import { generateOpml, type Opml } from 'feedsmith';

/** A feed to list. */
export interface OpmlSource {
  title: string;
  xmlUrl: string;
  htmlUrl?: string;
  /** A `/`-separated folder path, e.g. `News/Russia`. */
  category?: string;
}

type Outline = Opml.Outline<Date>;

/** OPML 2.0 text listing `sources`, grouped into folders by category, in the order given. */
export function writeOpml(sources: OpmlSource[], options: { title?: string; createdAt?: Date } = {}): string {
  const root: Outline[] = [];
  const folders = new Map<string, Outline[]>();
  const folderFor = (path: string[]): Outline[] => {
    let children = root;
    for (let depth = 1; depth <= path.length; depth++) {
      const key = path.slice(0, depth).join('/');
      let folder = folders.get(key);
      if (folder === undefined) {
        folder = [];
        folders.set(key, folder);
        children.push({ text: path[depth - 1]!, outlines: folder });
      }
      children = folder;
    }
    return children;
  };
  for (const source of sources) {
    const path = (source.category ?? '')
      .split('/')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    folderFor(path).push({
      text: source.title,
      title: source.title,
      type: 'rss',
      xmlUrl: source.xmlUrl,
      ...(source.htmlUrl === undefined ? {} : { htmlUrl: source.htmlUrl }),
    });
  }
  return generateOpml({
    head: {
      title: options.title ?? 'wirewatch subscriptions',
      ...(options.createdAt ? { dateCreated: options.createdAt } : {}),
    },
    body: { outlines: root },
  });
}
