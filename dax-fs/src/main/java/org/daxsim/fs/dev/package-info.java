/**
 * devtmpfs for the dax bus: {@code /dev/daxR.N} character device nodes in a {@link
 * org.daxsim.fs.vfs.Vfs} for the dev_dax devices of a {@link org.daxsim.bus.DaxBus}, and the
 * char-device operations (drivers/dax/device.c dax_fops, drivers/dax/fsdev.c) behind them.
 * Start with {@link org.daxsim.fs.dev.DaxDevNodes#attach}.
 */
package org.daxsim.fs.dev;
