// The end-to-end tests drive Debian's Chromium (Playwright cannot download its own browsers here).
// On a fresh Debian/Ubuntu machine run as root (CI), install it; otherwise say how, and let the
// browser tests skip with that reason.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!fs.existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log(
      'Cài Chromium cho kiểm thử giao diện / installing Chromium for the browser tests (apt-get install chromium)…',
    );
    try {
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null', {
        stdio: 'inherit',
        shell: '/bin/bash',
      });
    } catch {
      console.log(
        'Không cài được Chromium; các kiểm thử giao diện sẽ bỏ qua / could not install Chromium; browser tests will be skipped.',
      );
    }
  } else {
    console.log(
      `Không có Chromium ở ${CHROMIUM}; các kiểm thử giao diện sẽ bỏ qua. Cài bằng: sudo apt-get install -y chromium`,
    );
  }
}
