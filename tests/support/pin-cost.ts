import { lowerPinCostForTests } from '../../server/src/staff/pin.ts';

/**
 * Setup file of the integration, tablet and security tiers (vitest.config.ts): the staff accounts
 * their apps create hash PINs at a low scrypt cost (server/src/staff/pin.ts). The unit tier keeps the
 * production cost, and server/src/staff/pin.test.ts checks it.
 */
lowerPinCostForTests();
