// Import from Excel/CSV through the API (the logic lives in main/imports).
import { commitImport, previewImport, templateFile } from '../../imports';
import type { Handlers, PartialHandlers } from '../core';
import { audit } from './records';
import { allHandlers } from '../index';

export const importHandlers: PartialHandlers = {
  'imports.template': (p, ctx) => templateFile(p.kind, ctx.lang),
  // allHandlers is read at call time: the services of products, partners, recipes and lots do the work.
  'imports.preview': (p, ctx) => previewImport(ctx, allHandlers as Handlers, p.kind, p.fileName, p.base64),
  'imports.commit': (p, ctx) => {
    const result = commitImport(ctx, allHandlers as Handlers, p.kind, p.fileName, p.base64, p.onlyValid);
    audit(ctx, 'imports.commit', 'import', p.kind, null, {
      fileName: p.fileName,
      imported: result.imported,
      skipped: result.skipped,
    });
    return result;
  },
};
