import { spawnSync } from 'node:child_process';
import { it } from 'vitest';
import { realImage } from '../helpers/real-images.js';
import { skopeoCopy, startRegistry } from '../helpers/registry-server.js';
import { startTokenServer } from '../helpers/token-server.js';

it('cli check', async () => {
  const tokens = await startTokenServer({ bob: 'pw' });
  const regs = [await startRegistry(), await startRegistry({ mode: 'basic', username: 'bob', password: 'pw' }), await startRegistry({ mode: 'token', realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, rootCertPath: tokens.certPath })];
  for (const r of regs) {
    await skopeoCopy(`docker-archive:${realImage('snyk-skopeo-nodes-fake.tar')}`, `docker://${r.host}/app:main`, { creds: 'bob:pw' });
    for (const creds of [['--creds', 'bob:pw'], []]) {
      const res = spawnSync(process.execPath, ['/tmp/ldbuild/cli.js', 'diff', `docker://${r.host}/app:main`, realImage('snyk-skopeo-nodes-fake-multi.tar'), '--insecure-registry', r.host, ...creds], { encoding: 'utf8' });
      console.log(r.host, creds.length ? 'creds' : 'nocreds', 'exit', res.status, '\n', res.stdout.slice(0, 600), res.stderr);
    }
    await r.stop();
  }
  await tokens.stop();
});
