/**
 * The background location: no UI. Boots the SDK (its handshake registers the instance with Zendesk), reads the
 * service session the signed load put in the page, and starts the background's message handling.
 */
import { readBoot } from '../../api/boot.ts';
import { startBackground } from '../../background/start.ts';
import { bootZaf } from '../../zaf/boot.ts';

const zaf = bootZaf();
if (zaf) startBackground(zaf, { boot: readBoot() });
