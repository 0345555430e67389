// Preloaded into a benchmark's child process (NODE_OPTIONS="--import <this file>", since --cpu-prof
// is not allowed in NODE_OPTIONS). With $BENCH_CPU_PROFILE set: profiles the whole process with V8's
// sampling profiler and writes `<that path>.<pid>.cpuprofile` when the process exits, however it
// exits. It also counts the statements the process sends through node-postgres (`pg`, which both
// Prisma's adapter and graphile-worker use) and writes the count to `<that path>.<pid>.queries`.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import pg from 'pg';

const target = process.env.BENCH_CPU_PROFILE;
if (target) {
  let queries = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(...args) {
    queries += 1;
    return query.apply(this, args);
  };
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  // On the main thread the inspector answers synchronously, so this works in an exit handler.
  process.on('exit', () => {
    writeFileSync(`${target}.${process.pid}.queries`, String(queries));
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(`${target}.${process.pid}.cpuprofile`, JSON.stringify(result.profile));
    });
  });
}
