// electron-builder `afterPack` hook: flips Electron's fuses in the packed binary before it is
// signed, so the shipped app cannot be turned into a plain Node runtime (ELECTRON_RUN_AS_NODE,
// NODE_OPTIONS, --inspect) nor made to load code from outside its app.asar.
// electron-builder 25 has no `electronFuses` option (it came with 26) and @electron/fuses is not
// a dependency, so the fuse wire is written here, as @electron/fuses does: after a fixed sentinel
// come the wire's version (1), its length, then one byte per fuse ('0' off, '1' on, 'r' removed).
// When electron-builder is upgraded, FUSES moves to its `electronFuses` option unchanged.
'use strict';
const { closeSync, openSync, readFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');

const SENTINEL = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
const WIRE_VERSION = 1;
const DISABLE = 0x30;
const ENABLE = 0x31;
const REMOVED = 0x72;

/** Wire position of each fuse (Electron's FuseV1Options). */
const FUSE_INDEX = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
};

/**
 * The fuses of the shipped app, by platform. Asar integrity validation is on where
 * electron-builder 25 embeds the asar's hashes (macOS); on Windows it needs builder 26.
 */
function fusesFor(platform) {
  return {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: platform === 'darwin',
    onlyLoadAppFromAsar: true,
  };
}

/** Sets the fuses in a binary's bytes; returns how many fuse wires were set (2 in a universal macOS binary). */
function flipFusesInBuffer(bytes, fuses) {
  let wires = 0;
  for (let at = bytes.indexOf(SENTINEL); at >= 0; at = bytes.indexOf(SENTINEL, at + 1)) {
    const version = bytes[at + SENTINEL.length];
    const length = bytes[at + SENTINEL.length + 1];
    if (version !== WIRE_VERSION) throw new Error(`Electron fuse wire version ${version}, expected ${WIRE_VERSION}`);
    const wire = at + SENTINEL.length + 2;
    for (const [name, on] of Object.entries(fuses)) {
      const index = FUSE_INDEX[name];
      if (index === undefined) throw new Error(`unknown Electron fuse ${name}`);
      if (index >= length) throw new Error(`this Electron has no fuse ${name}`);
      if (bytes[wire + index] === REMOVED) continue;
      bytes[wire + index] = on ? ENABLE : DISABLE;
    }
    wires++;
  }
  if (wires === 0) throw new Error('Electron fuse sentinel not found: the app would ship without its fuses');
  return wires;
}

/** Sets the fuses in the binary file at `path`, in place. */
function flipFuses(path, fuses) {
  const bytes = readFileSync(path);
  const wires = flipFusesInBuffer(bytes, fuses);
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
  return wires;
}

/** The file holding the fuse wire in a packed app. */
function fuseFileOf(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  flipFuses(fuseFileOf(context), fusesFor(context.electronPlatformName));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fusesFor = fusesFor;
module.exports.flipFusesInBuffer = flipFusesInBuffer;
module.exports.fuseFileOf = fuseFileOf;
module.exports.FUSE_INDEX = FUSE_INDEX;
