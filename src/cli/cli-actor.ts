/** Who the command line acts as in the audit log: `cli:` and the operating system's login. */
import { userInfo } from 'node:os';

export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    // No login name (a container user without a passwd entry): still say it came from the command line.
    return 'cli';
  }
}
