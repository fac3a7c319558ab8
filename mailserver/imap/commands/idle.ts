// IDLE (RFC 2177): changes to the selected folder are pushed as they happen (the process's
// LISTEN connection wakes us); "* OK Still here" keeps NAT boxes from dropping the connection;
// the session is still ended at once if the mailbox is suspended or its password changes.
import { AUTHENTICATED, bad, ok, type ImapCommand } from "../command";

export const idle: ImapCommand = {
  name: "IDLE",
  states: AUTHENTICATED,
  async handle(session, args) {
    args.end();
    await session.writer.line("+ idling");
    session.idling = true;
    session.touch();
    let busy: Promise<void> = Promise.resolve();
    const serially = (work: () => Promise<void>) => {
      busy = busy.then(work).catch((error) => session.log(`idle update failed: ${error}`));
    };
    const selected = session.selected;
    const unsubscribe = selected
      ? session.shared.feed.subscribe(selected.folderId, () =>
          serially(async () => {
            if (session.idling && (await session.stillValid()))
              await session.pushUpdates(true, true);
          }),
        )
      : () => {};
    const keepAlive = setInterval(
      () =>
        serially(async () => {
          if (!session.idling || !(await session.stillValid())) return;
          await session.writer.line("* OK Still here");
          if (session.selected) await session.pushUpdates(true, true);
        }),
      session.shared.limits.idleKeepAliveMs,
    );
    // Anything that changed between the last command and now.
    serially(() => session.pushUpdates(true));
    try {
      const line = await session.reader.readLine();
      if (line === null) return ok("IDLE ended");
      if (line.toUpperCase() !== "DONE") return bad("Expected DONE");
      return ok("IDLE terminated");
    } finally {
      session.idling = false;
      clearInterval(keepAlive);
      unsubscribe();
      await busy;
      session.touch();
    }
  },
};
