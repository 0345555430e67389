// Preloaded into a queue worker process by bench:queue's profiler scenario (NODE_OPTIONS="--import
// <this file>"). On SIGUSR2 (sent once the worker is started and warmed up) it starts V8's sampling
// profiler and counts the statements the process sends through node-postgres from then on; on exit
// it writes `$BENCH_CPU_PROFILE.<pid>.cpuprofile` and `.queries`. So the profile is the steady state
// of draining a backlog, without the start-up (module loading, migrations check) that
// ../shared/cpu-profile-preload.mjs includes.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import pg from 'pg';

const target = process.env.BENCH_CPU_PROFILE;
if (target) {
  let counting = false;
  let queries = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(...args) {
    if (counting) queries += 1;
    return query.apply(this, args);
  };
  const session = new Session();
  session.connect();
  process.on('SIGUSR2', () => {
    if (counting) return;
    counting = true;
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 200 });
    session.post('Profiler.start');
  });
  // On the main thread the inspector answers synchronously, so this works in an exit handler.
  process.on('exit', () => {
    writeFileSync(`${target}.${process.pid}.queries`, String(queries));
    if (!counting) return;
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(`${target}.${process.pid}.cpuprofile`, JSON.stringify(result.profile));
    });
  });
}
