/**
 * A real SMTP server for the tests (smtp-server, a protocol peer, not a mock) that keeps each mail
 * it receives in `mails`: its recipients and its raw text. No TLS and no authentication; the caller
 * listens on 127.0.0.1.
 */
import { SMTPServer } from 'smtp-server';

/** One received mail. */
export interface ReceivedMail {
  to: string[];
  data: string;
}

export function smtpSink(mails: ReceivedMail[]): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => {
        data += chunk.toString();
      });
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), data });
        callback();
      });
    },
  });
}
