package org.daxsim.bus.daxctl;

/**
 * Real daxctl 76.1 output on Linux 6.1.0-56-amd64, recorded with ../shared/oracle
 * (run-scenario.sh, default world: one 4 GiB hmem region at 0x100000000): scenarios/basic.txt,
 * scenarios/kmem.txt and a scenario of option and error cases ("extra"). Kernel log lines
 * are left out; everything else is verbatim.
 */
final class OracleTranscripts {
  private OracleTranscripts() {}

  /** Oracle transcript of scenario basic (dmesg removed). */
  static final String BASIC = """
### CMDLINE: console=ttyS0 quiet loglevel=1 panic=-1 memhp_default_state=offline memmap=4294967296%0x100000000+0xefffffff dyndbg="file drivers/dax/* +p" device_dax.dyndbg=+p dax_hmem.dyndbg=+p kmem.dyndbg=+p dax_pmem.dyndbg=+p
### CMD 1: daxctl --version
--- stdout
76.1
--- stderr
--- rc=0
### CMD 2: daxctl list -R -D -M
--- stdout
[
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":4294967296,
    "align":2097152,
    "devices":[
      {
        "chardev":"dax0.0",
        "size":4294967296,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":0,
            "start":4294967296,
            "end":8589934591,
            "size":4294967296
          }
        ]
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 3: daxctl list -R -D -M -u
--- stdout
{
  "path":"\\/platform\\/hmem.0",
  "id":0,
  "size":"4.00 GiB (4.29 GB)",
  "align":2097152,
  "devices":[
    {
      "chardev":"dax0.0",
      "size":"4.00 GiB (4.29 GB)",
      "target_node":0,
      "align":2097152,
      "mode":"devdax",
      "mappings":[
        {
          "page_offset":"0",
          "start":"0x100000000",
          "end":"0x1ffffffff",
          "size":"4.00 GiB (4.29 GB)"
        }
      ]
    }
  ]
}
--- stderr
--- rc=0
### CMD 4: cat /sys/devices/platform/hmem.0/dax_region/size /sys/devices/platform/hmem.0/dax_region/align /sys/devices/platform/hmem.0/dax_region/available_size
--- stdout
4294967296
2097152
0
--- stderr
--- rc=0
### CMD 5: daxctl destroy-device dax0.0
--- stdout
--- stderr
dax0.0 is active, specify --force for deletion
error destroying devices: No such device or address
destroyed 0 devices
--- rc=250
### CMD 6: daxctl disable-device dax0.0
--- stdout
--- stderr
disabled 1 device
--- rc=0
### CMD 7: daxctl destroy-device dax0.0
--- stdout
--- stderr
error destroying devices: Device or resource busy
destroyed 0 devices
--- rc=240
### CMD 8: daxctl list -R -D -M -i
--- stdout
[
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":4294967296,
    "available_size":4294967296,
    "align":2097152,
    "devices":[
      {
        "chardev":"dax0.0",
        "size":0,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "state":"disabled"
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 9: daxctl create-device -s 512M
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 10: daxctl create-device -s 512M
--- stdout
[
  {
    "chardev":"dax0.2",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 11: daxctl reconfigure-device dax0.1 -s 256M
--- stdout
--- stderr
libdaxctl: daxctl_dev_set_size: dax0.1: failed to set size
error reconfiguring devices: No such device or address
reconfigured 0 devices
--- rc=250
### CMD 12: daxctl disable-device dax0.1
--- stdout
--- stderr
disabled 1 device
--- rc=0
### CMD 13: daxctl reconfigure-device dax0.1 -s 256M
--- stdout
--- stderr
reconfigured 1 device
--- rc=0
### CMD 14: daxctl enable-device dax0.1
--- stdout
--- stderr
enabled 1 device
--- rc=0
### CMD 15: daxctl list -R -D -M
--- stdout
[
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":4294967296,
    "available_size":3489660928,
    "align":2097152,
    "devices":[
      {
        "chardev":"dax0.1",
        "size":268435456,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":0,
            "start":4294967296,
            "end":4563402751,
            "size":268435456
          }
        ]
      },
      {
        "chardev":"dax0.2",
        "size":536870912,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":0,
            "start":4831838208,
            "end":5368709119,
            "size":536870912
          }
        ]
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 16: daxctl create-device -s 512M
--- stdout
[
  {
    "chardev":"dax0.3",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 17: daxctl list -R -D -M
--- stdout
[
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":4294967296,
    "available_size":2952790016,
    "align":2097152,
    "devices":[
      {
        "chardev":"dax0.1",
        "size":268435456,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":0,
            "start":4294967296,
            "end":4563402751,
            "size":268435456
          }
        ]
      },
      {
        "chardev":"dax0.3",
        "size":536870912,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":65536,
            "start":5368709120,
            "end":5637144575,
            "size":268435456
          },
          {
            "page_offset":0,
            "start":4563402752,
            "end":4831838207,
            "size":268435456
          }
        ]
      },
      {
        "chardev":"dax0.2",
        "size":536870912,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":0,
            "start":4831838208,
            "end":5368709119,
            "size":536870912
          }
        ]
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 18: daxctl disable-device dax0.2
--- stdout
--- stderr
disabled 1 device
--- rc=0
### CMD 19: daxctl reconfigure-device dax0.2 -s 1G
--- stdout
--- stderr
reconfigured 1 device
--- rc=0
### CMD 20: daxctl enable-device dax0.2
--- stdout
--- stderr
enabled 1 device
--- rc=0
### CMD 21: daxctl list -R -D -M
--- stdout
[
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":4294967296,
    "available_size":2415919104,
    "align":2097152,
    "devices":[
      {
        "chardev":"dax0.1",
        "size":268435456,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":0,
            "start":4294967296,
            "end":4563402751,
            "size":268435456
          }
        ]
      },
      {
        "chardev":"dax0.3",
        "size":536870912,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":65536,
            "start":5368709120,
            "end":5637144575,
            "size":268435456
          },
          {
            "page_offset":0,
            "start":4563402752,
            "end":4831838207,
            "size":268435456
          }
        ]
      },
      {
        "chardev":"dax0.2",
        "size":1073741824,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":131072,
            "start":5637144576,
            "end":6174015487,
            "size":536870912
          },
          {
            "page_offset":0,
            "start":4831838208,
            "end":5368709119,
            "size":536870912
          }
        ]
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 22: daxctl list -R -D -M -u
--- stdout
{
  "path":"\\/platform\\/hmem.0",
  "id":0,
  "size":"4.00 GiB (4.29 GB)",
  "available_size":"2.25 GiB (2.42 GB)",
  "align":2097152,
  "devices":[
    {
      "chardev":"dax0.1",
      "size":"256.00 MiB (268.44 MB)",
      "target_node":0,
      "align":2097152,
      "mode":"devdax",
      "mappings":[
        {
          "page_offset":"0",
          "start":"0x100000000",
          "end":"0x10fffffff",
          "size":"256.00 MiB (268.44 MB)"
        }
      ]
    },
    {
      "chardev":"dax0.3",
      "size":"512.00 MiB (536.87 MB)",
      "target_node":0,
      "align":2097152,
      "mode":"devdax",
      "mappings":[
        {
          "page_offset":"0x10000",
          "start":"0x140000000",
          "end":"0x14fffffff",
          "size":"256.00 MiB (268.44 MB)"
        },
        {
          "page_offset":"0",
          "start":"0x110000000",
          "end":"0x11fffffff",
          "size":"256.00 MiB (268.44 MB)"
        }
      ]
    },
    {
      "chardev":"dax0.2",
      "size":"1024.00 MiB (1073.74 MB)",
      "target_node":0,
      "align":2097152,
      "mode":"devdax",
      "mappings":[
        {
          "page_offset":"0x20000",
          "start":"0x150000000",
          "end":"0x16fffffff",
          "size":"512.00 MiB (536.87 MB)"
        },
        {
          "page_offset":"0",
          "start":"0x120000000",
          "end":"0x13fffffff",
          "size":"512.00 MiB (536.87 MB)"
        }
      ]
    }
  ]
}
--- stderr
--- rc=0
### CMD 23: for d in /sys/bus/dax/devices/*; do echo "$(basename $d) size=$(cat $d/size) align=$(cat $d/align)"; for m in $d/mapping[0-9]*; do [ -d $m ] && echo "  $(basename $m) start=$(cat $m/start) end=$(cat $m/end) page_offset=$(cat $m/page_offset)"; done; done
--- stdout
dax0.0 size=0 align=2097152
dax0.1 size=268435456 align=2097152
  mapping0 start=0x100000000 end=0x10fffffff page_offset=0x0
dax0.2 size=1073741824 align=2097152
  mapping0 start=0x120000000 end=0x13fffffff page_offset=0x0
  mapping1 start=0x150000000 end=0x16fffffff page_offset=0x20000
dax0.3 size=536870912 align=2097152
  mapping0 start=0x110000000 end=0x11fffffff page_offset=0x0
  mapping1 start=0x140000000 end=0x14fffffff page_offset=0x10000
--- stderr
--- rc=0
""";

  /** Oracle transcript of scenario extra (dmesg removed). */
  static final String EXTRA = """
### CMDLINE: console=ttyS0 quiet loglevel=1 panic=-1 memhp_default_state=offline memmap=4294967296%0x100000000+0xefffffff dyndbg="file drivers/dax/* +p" device_dax.dyndbg=+p dax_hmem.dyndbg=+p kmem.dyndbg=+p dax_pmem.dyndbg=+p
### CMD 1: daxctl list
--- stdout
[
  {
    "chardev":"dax0.0",
    "size":4294967296,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
--- rc=0
### CMD 2: daxctl list -R
--- stdout
[
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":4294967296,
    "align":2097152
  }
]
--- stderr
--- rc=0
### CMD 3: daxctl list -R -u
--- stdout
{
  "path":"\\/platform\\/hmem.0",
  "id":0,
  "size":"4.00 GiB (4.29 GB)",
  "align":2097152
}
--- stderr
--- rc=0
### CMD 4: daxctl list -D -M -u
--- stdout
{
  "chardev":"dax0.0",
  "size":"4.00 GiB (4.29 GB)",
  "target_node":0,
  "align":2097152,
  "mode":"devdax",
  "mappings":[
    {
      "page_offset":"0",
      "start":"0x100000000",
      "end":"0x1ffffffff",
      "size":"4.00 GiB (4.29 GB)"
    }
  ]
}
--- stderr
--- rc=0
### CMD 5: daxctl list -d dax0.0 -u
--- stdout
{
  "chardev":"dax0.0",
  "size":"4.00 GiB (4.29 GB)",
  "target_node":0,
  "align":2097152,
  "mode":"devdax"
}
--- stderr
--- rc=0
### CMD 6: daxctl list -r 0
--- stdout
[
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":4294967296,
    "align":2097152
  }
]
--- stderr
--- rc=0
### CMD 7: daxctl list -r region0 -d 0.0
--- stdout
[
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":4294967296,
    "align":2097152,
    "devices":[
      {
        "chardev":"dax0.0",
        "size":4294967296,
        "target_node":0,
        "align":2097152,
        "mode":"devdax"
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 8: daxctl list bogus
--- stdout
--- stderr
  Error: unknown parameter "bogus"


 usage: daxctl list [<options>]

    -r, --region <region-id>
                          filter by region
    -d, --dev <dev-id>    filter by dax device instance name
    -D, --devices         include dax device info
    -R, --regions         include dax region info
    -M, --mappings        include dax mappings info
    -i, --idle            include idle devices
    -u, --human           use human friendly number formats\s

--- rc=129
### CMD 9: daxctl list --bogus
--- stdout
--- stderr
  Error: unknown option `bogus'

 usage: daxctl list [<options>]

    -r, --region <region-id>
                          filter by region
    -d, --dev <dev-id>    filter by dax device instance name
    -D, --devices         include dax device info
    -R, --regions         include dax region info
    -M, --mappings        include dax mappings info
    -i, --idle            include idle devices
    -u, --human           use human friendly number formats\s

--- rc=129
### CMD 10: daxctl list -x
--- stdout
--- stderr
  Error: unknown switch `x'

 usage: daxctl list [<options>]

    -r, --region <region-id>
                          filter by region
    -d, --dev <dev-id>    filter by dax device instance name
    -D, --devices         include dax device info
    -R, --regions         include dax region info
    -M, --mappings        include dax mappings info
    -i, --idle            include idle devices
    -u, --human           use human friendly number formats\s

--- rc=129
### CMD 11: daxctl list -r
--- stdout
--- stderr
  Error: switch `r' requires a value

 usage: daxctl list [<options>]

    -r, --region <region-id>
                          filter by region
--- rc=129
### CMD 12: daxctl bogus
--- stdout
--- stderr
Unknown command: 'bogus'
--- rc=1
### CMD 13: daxctl
--- stdout

 usage: daxctl [--version] [--help] COMMAND [ARGS]


 See 'daxctl help COMMAND' for more information on a specific command.
 daxctl --list-cmds to see all available commands

--- stderr
--- rc=1
### CMD 14: daxctl reconfigure-device dax0.0
--- stdout
--- stderr
error: a 'align', 'mode' or 'size' option is required

 usage: daxctl reconfigure-device <device> [<options>]

    -r, --region <region-id>
                          filter by region
    -u, --human           use human friendly number formats
    -v, --verbose         emit more debug messages
    -s, --size <size>     size to switch the device to
    -a, --align <align>   alignment to switch the device to
        --input <input>   input device JSON file
    -m, --mode <mode>     mode to switch the device to
    -N, --no-online       don't auto-online memory sections
    -f, --force           attempt to offline memory sections before reconfiguration
    -C, --check-config    use config files to determine parameters for the operation
        --no-movable      online memory in ZONE_NORMAL

--- rc=129
### CMD 15: daxctl destroy-device
--- stdout
--- stderr
specify a device to destroy, or "all"

 usage: daxctl destroy-device <device> [<options>]

    -r, --region <region-id>
                          filter by region
    -u, --human           use human friendly number formats
    -v, --verbose         emit more debug messages
    -f, --force           attempt to disable before destroying device

--- rc=129
### CMD 16: daxctl destroy-device dax0.0 extra
--- stdout
--- stderr
unknown extra parameter "extra"

 usage: daxctl destroy-device <device> [<options>]

    -r, --region <region-id>
                          filter by region
    -u, --human           use human friendly number formats
    -v, --verbose         emit more debug messages
    -f, --force           attempt to disable before destroying device

--- rc=129
### CMD 17: daxctl disable-device dax0.0
--- stdout
--- stderr
disabled 1 device
--- rc=0
### CMD 18: daxctl destroy-device dax0.0
--- stdout
--- stderr
error destroying devices: Device or resource busy
destroyed 0 devices
--- rc=240
### CMD 19: daxctl create-device -s 300M -a 4K
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":314572800,
    "target_node":0,
    "align":4096,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 20: daxctl create-device -s 255M
--- stdout
--- stderr
libdaxctl: daxctl_dev_set_size: dax0.2: failed to set size
error creating devices: No such device or address
created 0 devices
--- rc=250
### CMD 21: daxctl create-device -s 512M -a 1G
--- stdout
--- stderr
libdaxctl: daxctl_dev_set_size: dax0.2: failed to set size
error creating devices: No such device or address
created 0 devices
--- rc=250
### CMD 22: daxctl create-device -s 1G
--- stdout
[
  {
    "chardev":"dax0.2",
    "size":1073741824,
    "target_node":0,
    "align":1073741824,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 23: daxctl list -D -M -i
--- stdout
[
  {
    "chardev":"dax0.4",
    "size":0,
    "target_node":0,
    "align":2097152,
    "mode":"devdax",
    "state":"disabled"
  },
  {
    "chardev":"dax0.1",
    "size":314572800,
    "target_node":0,
    "align":4096,
    "mode":"devdax",
    "mappings":[
      {
        "page_offset":0,
        "start":4294967296,
        "end":4609540095,
        "size":314572800
      }
    ]
  },
  {
    "chardev":"dax0.3",
    "size":0,
    "target_node":0,
    "align":2097152,
    "mode":"devdax",
    "state":"disabled"
  },
  {
    "chardev":"dax0.0",
    "size":0,
    "target_node":0,
    "align":2097152,
    "mode":"devdax",
    "state":"disabled"
  },
  {
    "chardev":"dax0.2",
    "size":1073741824,
    "target_node":0,
    "align":1073741824,
    "mode":"devdax",
    "mappings":[
      {
        "page_offset":0,
        "start":4609540096,
        "end":5683281919,
        "size":1073741824
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 24: daxctl disable-device all
--- stdout
--- stderr
disabled 5 devices
--- rc=0
### CMD 25: daxctl reconfigure-device dax0.1 -s 1G
--- stdout
--- stderr
reconfigured 1 device
--- rc=0
### CMD 26: daxctl reconfigure-device dax0.1 -a 2M
--- stdout
--- stderr
dax0.1: unknown mode requested: 0
error reconfiguring devices: Invalid argument
reconfigured 0 devices
--- rc=234
### CMD 27: daxctl list -d dax0.1 -M > /tmp/d1.json
--- stdout
--- stderr
--- rc=0
### CMD 28: cat /tmp/d1.json
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":1073741824,
    "target_node":0,
    "align":2097152,
    "mode":"devdax",
    "state":"disabled",
    "mappings":[
      {
        "page_offset":76800,
        "start":5683281920,
        "end":6442450943,
        "size":759169024
      },
      {
        "page_offset":0,
        "start":4294967296,
        "end":4609540095,
        "size":314572800
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 29: daxctl destroy-device dax0.1
--- stdout
--- stderr
destroyed 1 device
--- rc=0
### CMD 30: daxctl create-device --input /tmp/d1.json
--- stdout
--- stderr
error: failed to parse device file: Invalid argument

 usage: daxctl create-device [<options>]

    -r, --region <region-id>
                          filter by region
    -u, --human           use human friendly number formats
    -v, --verbose         emit more debug messages
    -s, --size <size>     size to switch the device to
    -a, --align <align>   alignment to switch the device to
        --input <input>   input device JSON file
    -m, --mode <mode>     mode to switch the device to
    -N, --no-online       don't auto-online memory sections
    -f, --force           attempt to offline memory sections before reconfiguration
    -C, --check-config    use config files to determine parameters for the operation
        --no-movable      online memory in ZONE_NORMAL

--- rc=129
### CMD 31: daxctl list -M -d dax0.1
--- stdout
--- stderr
--- rc=0
### CMD 32: printf '{"chardev":"dax0.1","size":1}' > /tmp/bad.json
--- stdout
--- stderr
--- rc=0
### CMD 33: daxctl create-device --input /tmp/bad.json
--- stdout
--- stderr
error: failed to parse device file: Invalid argument

 usage: daxctl create-device [<options>]

    -r, --region <region-id>
                          filter by region
    -u, --human           use human friendly number formats
    -v, --verbose         emit more debug messages
    -s, --size <size>     size to switch the device to
    -a, --align <align>   alignment to switch the device to
        --input <input>   input device JSON file
    -m, --mode <mode>     mode to switch the device to
    -N, --no-online       don't auto-online memory sections
    -f, --force           attempt to offline memory sections before reconfiguration
    -C, --check-config    use config files to determine parameters for the operation
        --no-movable      online memory in ZONE_NORMAL

--- rc=129
### CMD 34: daxctl create-device --input /tmp/nonexist.json
--- stdout
--- stderr
error: failed to parse device file: Invalid argument

 usage: daxctl create-device [<options>]

    -r, --region <region-id>
                          filter by region
    -u, --human           use human friendly number formats
    -v, --verbose         emit more debug messages
    -s, --size <size>     size to switch the device to
    -a, --align <align>   alignment to switch the device to
        --input <input>   input device JSON file
    -m, --mode <mode>     mode to switch the device to
    -N, --no-online       don't auto-online memory sections
    -f, --force           attempt to offline memory sections before reconfiguration
    -C, --check-config    use config files to determine parameters for the operation
        --no-movable      online memory in ZONE_NORMAL

--- rc=129
### CMD 35: daxctl create-device -s foo
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":3221225472,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 36: daxctl create-device -s 5G
--- stdout
--- stderr
error creating devices: No space left on device
created 0 devices
--- rc=228
### CMD 37: daxctl enable-device dax0.9
--- stdout
--- stderr
error enabling device: No such device or address
enabled 0 devices
--- rc=250
### CMD 38: daxctl reconfigure-device dax0.1 -m bogus
--- stdout
--- stderr
dax0.1: unknown mode requested: 0
error reconfiguring devices: Invalid argument
reconfigured 0 devices
--- rc=234
### CMD 39: daxctl reconfigure-device dax0.1 -m devdax -N
--- stdout
--- stderr
--no-online is incompatible with --mode=devdax

 usage: daxctl reconfigure-device <device> [<options>]

    -r, --region <region-id>
                          filter by region
    -u, --human           use human friendly number formats
    -v, --verbose         emit more debug messages
    -s, --size <size>     size to switch the device to
    -a, --align <align>   alignment to switch the device to
        --input <input>   input device JSON file
    -m, --mode <mode>     mode to switch the device to
    -N, --no-online       don't auto-online memory sections
    -f, --force           attempt to offline memory sections before reconfiguration
    -C, --check-config    use config files to determine parameters for the operation
        --no-movable      online memory in ZONE_NORMAL

--- rc=129
### CMD 40: daxctl reconfigure-device dax0.2 -m devdax
--- stdout
[
  {
    "chardev":"dax0.2",
    "size":1073741824,
    "target_node":0,
    "align":1073741824,
    "mode":"devdax"
  }
]
--- stderr
dax0.2 was already in devdax mode
reconfigured 1 device
--- rc=0
### CMD 41: daxctl online-memory dax0.2
--- stdout
--- stderr
dax0.2: memory operations are not applicable in devdax mode
error onlining memory: No such device or address
onlined memory for 0 devices
--- rc=250
### CMD 42: daxctl list -R -D -i
--- stdout
[
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":4294967296,
    "align":2097152,
    "devices":[
      {
        "chardev":"dax0.4",
        "size":0,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "state":"disabled"
      },
      {
        "chardev":"dax0.1",
        "size":3221225472,
        "target_node":0,
        "align":2097152,
        "mode":"devdax"
      },
      {
        "chardev":"dax0.3",
        "size":0,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "state":"disabled"
      },
      {
        "chardev":"dax0.0",
        "size":0,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "state":"disabled"
      },
      {
        "chardev":"dax0.2",
        "size":1073741824,
        "target_node":0,
        "align":1073741824,
        "mode":"devdax"
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 43: daxctl destroy-device all -f
--- stdout
--- stderr
destroyed 4 devices
--- rc=0
### CMD 44: daxctl list -R -D -i -u
--- stdout
{
  "path":"\\/platform\\/hmem.0",
  "id":0,
  "size":"4.00 GiB (4.29 GB)",
  "available_size":"4.00 GiB (4.29 GB)",
  "align":2097152,
  "devices":[
    {
      "chardev":"dax0.0",
      "size":0,
      "target_node":0,
      "align":2097152,
      "mode":"devdax",
      "state":"disabled"
    }
  ]
}
--- stderr
--- rc=0
### CMD 45: daxctl create-device -u
--- stdout
{
  "chardev":"dax0.1",
  "size":"4.00 GiB (4.29 GB)",
  "target_node":0,
  "align":2097152,
  "mode":"devdax"
}
--- stderr
created 1 device
--- rc=0
### CMD 46: daxctl list -R -u
--- stdout
{
  "path":"\\/platform\\/hmem.0",
  "id":0,
  "size":"4.00 GiB (4.29 GB)",
  "align":2097152
}
--- stderr
--- rc=0
""";

  /** Oracle transcript of scenario kmem (dmesg removed). */
  static final String KMEM = """
### CMDLINE: console=ttyS0 quiet loglevel=1 panic=-1 memhp_default_state=offline memmap=4294967296%0x100000000+0xefffffff dyndbg="file drivers/dax/* +p" device_dax.dyndbg=+p dax_hmem.dyndbg=+p kmem.dyndbg=+p dax_pmem.dyndbg=+p
### CMD 1: daxctl disable-device dax0.0
--- stdout
--- stderr
disabled 1 device
--- rc=0
### CMD 2: daxctl destroy-device dax0.0
--- stdout
--- stderr
error destroying devices: Device or resource busy
destroyed 0 devices
--- rc=240
### CMD 3: daxctl create-device -s 512M
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 4: daxctl create-device -s 100M
--- stdout
[
  {
    "chardev":"dax0.2",
    "size":104857600,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 5: cat /sys/devices/system/memory/block_size_bytes
--- stdout
8000000
--- stderr
--- rc=0
### CMD 6: grep -E 'MemTotal|MemFree' /proc/meminfo
--- stdout
MemTotal:        1945824 kB
MemFree:         1873536 kB
--- stderr
--- rc=0
### CMD 7: daxctl reconfigure-device dax0.1 -m system-ram
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"system-ram",
    "online_memblocks":4,
    "total_memblocks":4,
    "movable":true
  }
]
--- stderr
reconfigured 1 device
--- rc=0
### CMD 8: daxctl list -D -M
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"system-ram",
    "online_memblocks":4,
    "total_memblocks":4,
    "movable":true,
    "mappings":[
      {
        "page_offset":0,
        "start":4294967296,
        "end":4831838207,
        "size":536870912
      }
    ]
  },
  {
    "chardev":"dax0.2",
    "size":104857600,
    "target_node":0,
    "align":2097152,
    "mode":"devdax",
    "mappings":[
      {
        "page_offset":0,
        "start":4831838208,
        "end":4936695807,
        "size":104857600
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 9: grep -E 'MemTotal|MemFree' /proc/meminfo
--- stdout
MemTotal:        2470112 kB
MemFree:         2388512 kB
--- stderr
--- rc=0
### CMD 10: cat /proc/iomem | grep -A6 hmem
--- stdout
100000000-1ffffffff : hmem.0
  100000000-1ffffffff : Soft Reserved
    100000000-11fffffff : dax0.1
      100000000-11fffffff : System RAM (kmem)
    120000000-1263fffff : dax0.2
200000000-9ffffffff : PCI Bus 0000:00
fd00000000-ffffffffff : Reserved
--- stderr
--- rc=0
### CMD 11: daxctl reconfigure-device dax0.2 -m system-ram
--- stdout
--- stderr
libdaxctl: daxctl_dev_enable: dax0.2: failed to enable
error reconfiguring devices: Invalid argument
reconfigured 0 devices
--- rc=234
### CMD 12: daxctl reconfigure-device dax0.1 -s 256M
--- stdout
--- stderr
libdaxctl: daxctl_dev_set_size: dax0.1: failed to set size
error reconfiguring devices: No such device or address
reconfigured 0 devices
--- rc=250
### CMD 13: daxctl destroy-device dax0.1
--- stdout
--- stderr
dax0.1 is active, specify --force for deletion
error destroying devices: No such device or address
destroyed 0 devices
--- rc=250
### CMD 14: daxctl disable-device dax0.1
--- stdout
--- stderr
dax0.1: status operations are only applicable in devdax mode
error disabling device: No such device or address
disabled 0 devices
--- rc=250
### CMD 15: daxctl reconfigure-device dax0.1 -m devdax
--- stdout
--- stderr
error reconfiguring devices: Device or resource busy
reconfigured 0 devices
--- rc=240
### CMD 16: daxctl reconfigure-device dax0.1 -m devdax -f
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
reconfigured 1 device
--- rc=0
### CMD 17: daxctl list -D -M
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax",
    "mappings":[
      {
        "page_offset":0,
        "start":4294967296,
        "end":4831838207,
        "size":536870912
      }
    ]
  },
  {
    "chardev":"dax0.2",
    "size":104857600,
    "target_node":0,
    "align":2097152,
    "mode":"devdax",
    "mappings":[
      {
        "page_offset":0,
        "start":4831838208,
        "end":4936695807,
        "size":104857600
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 18: grep -E 'MemTotal|MemFree' /proc/meminfo
--- stdout
MemTotal:        1945824 kB
MemFree:         1865092 kB
--- stderr
--- rc=0
""";

  /** Oracle transcript of a second option, --input and memory scenario (dmesg removed). */
  static final String MORE = """
### CMD 1: daxctl disable-device dax0.0
--- stdout
--- stderr
disabled 1 device
--- rc=0
### CMD 2: daxctl destroy-device dax0.0
--- stdout
--- stderr
error destroying devices: Device or resource busy
destroyed 0 devices
--- rc=240
### CMD 3: daxctl create-device -s 512M
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 4: daxctl create-device -s 512M
--- stdout
[
  {
    "chardev":"dax0.2",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 5: daxctl disable-device dax0.1
--- stdout
--- stderr
disabled 1 device
--- rc=0
### CMD 6: daxctl reconfigure-device dax0.1 -s 256M
--- stdout
--- stderr
reconfigured 1 device
--- rc=0
### CMD 7: daxctl enable-device dax0.1
--- stdout
--- stderr
enabled 1 device
--- rc=0
### CMD 8: daxctl create-device -s 512M
--- stdout
[
  {
    "chardev":"dax0.3",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 9: daxctl list -M -d dax0.3 > /tmp/d3.json
--- stdout
--- stderr
--- rc=0
### CMD 10: sed '1d;$d' /tmp/d3.json > /tmp/o3.json
--- stdout
--- stderr
--- rc=0
### CMD 11: cat /tmp/o3.json
--- stdout
  {
    "chardev":"dax0.3",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax",
    "mappings":[
      {
        "page_offset":65536,
        "start":5368709120,
        "end":5637144575,
        "size":268435456
      },
      {
        "page_offset":0,
        "start":4563402752,
        "end":4831838207,
        "size":268435456
      }
    ]
  }
--- stderr
--- rc=0
### CMD 12: daxctl destroy-device dax0.3 -f
--- stdout
--- stderr
destroyed 1 device
--- rc=0
### CMD 13: daxctl list -M -d dax0.3
--- stdout
--- stderr
--- rc=0
### CMD 14: daxctl create-device --input /tmp/o3.json
--- stdout
[
  {
    "chardev":"dax0.3",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 15: daxctl list -M -d dax0.3
--- stdout
[
  {
    "chardev":"dax0.3",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax",
    "mappings":[
      {
        "page_offset":65536,
        "start":5368709120,
        "end":5637144575,
        "size":268435456
      },
      {
        "page_offset":0,
        "start":4563402752,
        "end":4831838207,
        "size":268435456
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 16: daxctl list -M -u -d dax0.3
--- stdout
{
  "chardev":"dax0.3",
  "size":"512.00 MiB (536.87 MB)",
  "target_node":0,
  "align":2097152,
  "mode":"devdax",
  "mappings":[
    {
      "page_offset":"0x10000",
      "start":"0x140000000",
      "end":"0x14fffffff",
      "size":"256.00 MiB (268.44 MB)"
    },
    {
      "page_offset":"0",
      "start":"0x110000000",
      "end":"0x11fffffff",
      "size":"256.00 MiB (268.44 MB)"
    }
  ]
}
--- stderr
--- rc=0
### CMD 17: daxctl list -u
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":"256.00 MiB (268.44 MB)",
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  },
  {
    "chardev":"dax0.3",
    "size":"512.00 MiB (536.87 MB)",
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  },
  {
    "chardev":"dax0.2",
    "size":"512.00 MiB (536.87 MB)",
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
--- rc=0
### CMD 18: daxctl list -r 1
--- stdout
--- stderr
--- rc=0
### CMD 19: daxctl list -d dax0.9
--- stdout
--- stderr
--- rc=0
### CMD 20: daxctl list -R -r 7
--- stdout
--- stderr
--- rc=0
### CMD 21: daxctl create-device --input /tmp/o3.json
--- stdout
--- stderr
libdaxctl: daxctl_dev_set_mapping: dax0.4: failed to set mapping
error creating devices: No such device or address
created 0 devices
--- rc=250
### CMD 22: daxctl create-device -s
--- stdout
--- stderr
  Error: switch `s' requires a value

 usage: daxctl create-device [<options>]

    -s, --size <size>     size to switch the device to
--- rc=129
### CMD 23: daxctl create-device --size
--- stdout
--- stderr
  Error: option `size' requires a value

 usage: daxctl create-device [<options>]

    -s, --size <size>     size to switch the device to
--- rc=129
### CMD 24: daxctl list --human=1
--- stdout
--- stderr
  Error: option `human' takes no value

 usage: daxctl list [<options>]

    -u, --human           use human friendly number formats\s
--- rc=129
### CMD 25: daxctl list --hum
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":"256.00 MiB (268.44 MB)",
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  },
  {
    "chardev":"dax0.3",
    "size":"512.00 MiB (536.87 MB)",
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  },
  {
    "chardev":"dax0.2",
    "size":"512.00 MiB (536.87 MB)",
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
--- rc=0
### CMD 26: daxctl list --no-human
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":268435456,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  },
  {
    "chardev":"dax0.3",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  },
  {
    "chardev":"dax0.2",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"devdax"
  }
]
--- stderr
--- rc=0
### CMD 27: daxctl list -Rx
--- stdout
--- stderr
  Error: unknown switch `x'

 usage: daxctl list [<options>]

    -r, --region <region-id>
                          filter by region
    -d, --dev <dev-id>    filter by dax device instance name
    -D, --devices         include dax device info
    -R, --regions         include dax region info
    -M, --mappings        include dax mappings info
    -i, --idle            include idle devices
    -u, --human           use human friendly number formats\s

--- rc=129
### CMD 28: daxctl list -region
--- stdout
--- stderr
--- rc=0
### CMD 29: daxctl create-device a b
--- stdout
--- stderr
unknown extra parameter "b"

 usage: daxctl create-device [<options>]

    -r, --region <region-id>
                          filter by region
    -u, --human           use human friendly number formats
    -v, --verbose         emit more debug messages
    -s, --size <size>     size to switch the device to
    -a, --align <align>   alignment to switch the device to
        --input <input>   input device JSON file
    -m, --mode <mode>     mode to switch the device to
    -N, --no-online       don't auto-online memory sections
    -f, --force           attempt to offline memory sections before reconfiguration
    -C, --check-config    use config files to determine parameters for the operation
        --no-movable      online memory in ZONE_NORMAL

--- rc=129
### CMD 30: daxctl enable-device
--- stdout
--- stderr
specify a device to disable, or "all"

 usage: daxctl enable-device <device>

    -r, --region <region-id>
                          filter by region
    -u, --human           use human friendly number formats
    -v, --verbose         emit more debug messages

--- rc=129
### CMD 31: daxctl online-memory
--- stdout
--- stderr
specify a device to online memory for, or "all"

 usage: daxctl online-memory <device> [<options>]

    -r, --region <region-id>
                          filter by region
    -u, --human           use human friendly number formats
    -v, --verbose         emit more debug messages
        --no-movable      online memory in ZONE_NORMAL

--- rc=129
### CMD 32: daxctl reconfigure-device -C dax0.1
--- stdout
--- stderr
no UUID match for dax0.1 found in config files
dax0.1: missing or malformed config section
--- rc=0
### CMD 33: daxctl reconfigure-device -C -m devdax dax0.1
--- stdout
--- stderr
dax0.1: -C cannot be used with --mode, --(no-)movable, or --(no-)online

 usage: daxctl reconfigure-device <device> [<options>]

    -r, --region <region-id>
                          filter by region
    -u, --human           use human friendly number formats
    -v, --verbose         emit more debug messages
    -s, --size <size>     size to switch the device to
    -a, --align <align>   alignment to switch the device to
        --input <input>   input device JSON file
    -m, --mode <mode>     mode to switch the device to
    -N, --no-online       don't auto-online memory sections
    -f, --force           attempt to offline memory sections before reconfiguration
    -C, --check-config    use config files to determine parameters for the operation
        --no-movable      online memory in ZONE_NORMAL

--- rc=129
### CMD 34: daxctl -x
--- stdout
--- stderr
Unknown option: -x

 Usage: daxctl [--version] [--help] COMMAND [ARGS]
--- rc=129
### CMD 35: daxctl --list-cmds
--- stdout
version
list
help
split-acpi
migrate-device-model
create-device
destroy-device
reconfigure-device
online-memory
offline-memory
disable-device
enable-device
--- stderr
--- rc=0
### CMD 36: daxctl help
--- stdout

 usage: daxctl [--version] [--help] COMMAND [ARGS]


 See 'daxctl help COMMAND' for more information on a specific command.
 daxctl --list-cmds to see all available commands

--- stderr
--- rc=0
### CMD 37: daxctl reconfigure-device dax0.1 -m famfs
--- stdout
--- stderr
dax0.1: unknown mode requested: 0
error reconfiguring devices: Invalid argument
reconfigured 0 devices
--- rc=234
### CMD 38: daxctl reconfigure-device dax0.2 -m system-ram -N
--- stdout
[
  {
    "chardev":"dax0.2",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"system-ram",
    "online_memblocks":0,
    "total_memblocks":4
  }
]
--- stderr
reconfigured 1 device
--- rc=0
### CMD 39: daxctl list -d dax0.2
--- stdout
[
  {
    "chardev":"dax0.2",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"system-ram",
    "online_memblocks":0,
    "total_memblocks":4
  }
]
--- stderr
--- rc=0
### CMD 40: daxctl online-memory dax0.2 --no-movable
--- stdout
--- stderr
onlined memory for 1 device
--- rc=0
### CMD 41: daxctl list -d dax0.2 -u
--- stdout
{
  "chardev":"dax0.2",
  "size":"512.00 MiB (536.87 MB)",
  "target_node":0,
  "align":2097152,
  "mode":"system-ram",
  "online_memblocks":4,
  "total_memblocks":4,
  "movable":false
}
--- stderr
--- rc=0
### CMD 42: daxctl online-memory dax0.2
--- stdout
--- stderr
dax0.2:
  WARNING: detected a race while onlining memory
  Some memory may not be in the expected zone. It is
  recommended to disable any other onlining mechanisms,
  and retry. If onlining is to be left to other agents,
  use the --no-online option to suppress this warning
dax0.2: all memory sections (4) already online
onlined memory for 0 devices
--- rc=1
### CMD 43: daxctl offline-memory dax0.2
--- stdout
--- stderr
libdaxctl: offline_one_memblock: dax0.2: Failed to offline /sys/devices/system/node/node0/memory39/state: Device or resource busy
dax0.2: failed to offline memory: Device or resource busy
error offlining memory: Device or resource busy
offlined memory for 0 devices
--- rc=240
### CMD 44: daxctl offline-memory dax0.2
--- stdout
--- stderr
libdaxctl: offline_one_memblock: dax0.2: Failed to offline /sys/devices/system/node/node0/memory39/state: Device or resource busy
dax0.2: failed to offline memory: Device or resource busy
error offlining memory: Device or resource busy
offlined memory for 0 devices
--- rc=240
### CMD 45: daxctl online-memory dax0.2 -v
--- stdout
--- stderr
libdaxctl: __dax_regions_init: no dax regions found via: /sys/class/dax
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: __sysfs_device_parse: base: '/sys/devices/platform/hmem.0/dax' dev: 'dax0.'
libdaxctl: __sysfs_device_parse: no "dax0." devices found
libdaxctl: __sysfs_device_parse: base: '/sys/devices/platform/hmem.0' dev: 'dax0.'
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.2'
libdaxctl: __sysfs_device_parse: dax0.2: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.0'
libdaxctl: __sysfs_device_parse: dax0.0: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.3'
libdaxctl: __sysfs_device_parse: dax0.3: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.1'
libdaxctl: __sysfs_device_parse: dax0.1: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.4'
libdaxctl: __sysfs_device_parse: dax0.4: processed
dax0.2:
  WARNING: detected a race while onlining memory
  Some memory may not be in the expected zone. It is
  recommended to disable any other onlining mechanisms,
  and retry. If onlining is to be left to other agents,
  use the --no-online option to suppress this warning
dax0.2: all memory sections (4) already online
onlined memory for 0 devices
--- rc=1
### CMD 46: daxctl reconfigure-device dax0.2 -m system-ram
--- stdout
[
  {
    "chardev":"dax0.2",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"system-ram",
    "online_memblocks":4,
    "total_memblocks":4,
    "movable":false
  }
]
--- stderr
dax0.2 was already in system-ram mode
dax0.2:
  WARNING: detected a race while onlining memory
  Some memory may not be in the expected zone. It is
  recommended to disable any other onlining mechanisms,
  and retry. If onlining is to be left to other agents,
  use the --no-online option to suppress this warning
dax0.2: all memory sections (4) already online
reconfigured 1 device
--- rc=0
### CMD 47: daxctl reconfigure-device dax0.2 -m devdax -v
--- stdout
--- stderr
libdaxctl: __dax_regions_init: no dax regions found via: /sys/class/dax
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: __sysfs_device_parse: base: '/sys/devices/platform/hmem.0/dax' dev: 'dax0.'
libdaxctl: __sysfs_device_parse: no "dax0." devices found
libdaxctl: __sysfs_device_parse: base: '/sys/devices/platform/hmem.0' dev: 'dax0.'
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.2'
libdaxctl: __sysfs_device_parse: dax0.2: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.0'
libdaxctl: __sysfs_device_parse: dax0.0: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.3'
libdaxctl: __sysfs_device_parse: dax0.3: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.1'
libdaxctl: __sysfs_device_parse: dax0.1: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.4'
libdaxctl: __sysfs_device_parse: dax0.4: processed
dax0.2: found 4 memory sections online
dax0.2: refusing to change modes
error reconfiguring devices: Device or resource busy
reconfigured 0 devices
--- rc=240
### CMD 48: daxctl offline-memory dax0.2 -v
--- stdout
--- stderr
libdaxctl: __dax_regions_init: no dax regions found via: /sys/class/dax
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: add_dax_region: add_dax_region: '/sys/devices/platform/hmem.0'
libdaxctl: __sysfs_device_parse: base: '/sys/devices/platform/hmem.0/dax' dev: 'dax0.'
libdaxctl: __sysfs_device_parse: no "dax0." devices found
libdaxctl: __sysfs_device_parse: base: '/sys/devices/platform/hmem.0' dev: 'dax0.'
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.2'
libdaxctl: __sysfs_device_parse: dax0.2: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.0'
libdaxctl: __sysfs_device_parse: dax0.0: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.3'
libdaxctl: __sysfs_device_parse: dax0.3: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.1'
libdaxctl: __sysfs_device_parse: dax0.1: processed
libdaxctl: add_dax_dev: add_dax_dev: base: '/sys/devices/platform/hmem.0/dax0.4'
libdaxctl: __sysfs_device_parse: dax0.4: processed
libdaxctl: offline_one_memblock: dax0.2: Failed to offline /sys/devices/system/node/node0/memory39/state: Device or resource busy
dax0.2: failed to offline memory: Device or resource busy
error offlining memory: Device or resource busy
offlined memory for 0 devices
--- rc=240
### CMD 49: daxctl reconfigure-device dax0.2 -m devdax
--- stdout
--- stderr
error reconfiguring devices: Device or resource busy
reconfigured 0 devices
--- rc=240
### CMD 50: echo online > /sys/devices/system/memory/auto_online_blocks
--- stdout
--- stderr
--- rc=0
### CMD 51: daxctl reconfigure-device dax0.2 -m system-ram
--- stdout
--- stderr
dax0.2: error: kernel policy will auto-online memory, aborting
error reconfiguring devices: Device or resource busy
reconfigured 0 devices
--- rc=240
### CMD 52: daxctl reconfigure-device dax0.2 -m system-ram --no-movable -N
--- stdout
--- stderr
dax0.2: error: kernel policy will auto-online memory, aborting
error reconfiguring devices: Device or resource busy
reconfigured 0 devices
--- rc=240
### CMD 53: echo offline > /sys/devices/system/memory/auto_online_blocks
--- stdout
--- stderr
--- rc=0
### CMD 54: daxctl list -R -D -M -i
--- stdout
[
  {
    "path":"\\/platform\\/hmem.0",
    "id":0,
    "size":4294967296,
    "available_size":2952790016,
    "align":2097152,
    "devices":[
      {
        "chardev":"dax0.4",
        "size":0,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "state":"disabled"
      },
      {
        "chardev":"dax0.1",
        "size":268435456,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":0,
            "start":4294967296,
            "end":4563402751,
            "size":268435456
          }
        ]
      },
      {
        "chardev":"dax0.3",
        "size":536870912,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "mappings":[
          {
            "page_offset":65536,
            "start":5368709120,
            "end":5637144575,
            "size":268435456
          },
          {
            "page_offset":0,
            "start":4563402752,
            "end":4831838207,
            "size":268435456
          }
        ]
      },
      {
        "chardev":"dax0.0",
        "size":0,
        "target_node":0,
        "align":2097152,
        "mode":"devdax",
        "state":"disabled"
      },
      {
        "chardev":"dax0.2",
        "size":536870912,
        "target_node":0,
        "align":2097152,
        "mode":"system-ram",
        "online_memblocks":4,
        "total_memblocks":4,
        "movable":false,
        "mappings":[
          {
            "page_offset":0,
            "start":4831838208,
            "end":5368709119,
            "size":536870912
          }
        ]
      }
    ]
  }
]
--- stderr
--- rc=0
### CMD 55: daxctl destroy-device all
--- stdout
--- stderr
dax0.1 is active, specify --force for deletion
dax0.3 is active, specify --force for deletion
dax0.2 is active, specify --force for deletion
error destroying devices: No such device or address
destroyed 1 device
--- rc=250
### CMD 56: daxctl disable-device all -r 0
--- stdout
--- stderr
dax0.2: status operations are only applicable in devdax mode
error disabling device: No such device or address
disabled 3 devices
--- rc=250
### CMD 57: daxctl destroy-device all -r region0
--- stdout
--- stderr
dax0.2 is active, specify --force for deletion
error destroying devices: No such device or address
destroyed 2 devices
--- rc=250
### CMD 58: daxctl list -R -D -M -i -u
--- stdout
{
  "path":"\\/platform\\/hmem.0",
  "id":0,
  "size":"4.00 GiB (4.29 GB)",
  "available_size":"3.50 GiB (3.76 GB)",
  "align":2097152,
  "devices":[
    {
      "chardev":"dax0.0",
      "size":0,
      "target_node":0,
      "align":2097152,
      "mode":"devdax",
      "state":"disabled"
    },
    {
      "chardev":"dax0.2",
      "size":"512.00 MiB (536.87 MB)",
      "target_node":0,
      "align":2097152,
      "mode":"system-ram",
      "online_memblocks":4,
      "total_memblocks":4,
      "movable":false,
      "mappings":[
        {
          "page_offset":"0",
          "start":"0x120000000",
          "end":"0x13fffffff",
          "size":"512.00 MiB (536.87 MB)"
        }
      ]
    }
  ]
}
--- stderr
--- rc=0
### CMD 59: daxctl create-device -r 1
--- stdout
--- stderr
error creating devices: No such device or address
created 0 devices
--- rc=250
### CMD 60: daxctl create-device -a 3M -s 4M
--- stdout
--- stderr
libdaxctl: daxctl_dev_set_align: dax0.1: failed to set align
error creating devices: No such device or address
created 0 devices
--- rc=250
### CMD 61: daxctl create-device -s 2G -a 1G
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":2147483648,
    "target_node":0,
    "align":1073741824,
    "mode":"devdax"
  }
]
--- stderr
created 1 device
--- rc=0
### CMD 62: daxctl list -i
--- stdout
[
  {
    "chardev":"dax0.1",
    "size":2147483648,
    "target_node":0,
    "align":1073741824,
    "mode":"devdax"
  },
  {
    "chardev":"dax0.3",
    "size":0,
    "target_node":0,
    "align":2097152,
    "mode":"devdax",
    "state":"disabled"
  },
  {
    "chardev":"dax0.0",
    "size":0,
    "target_node":0,
    "align":2097152,
    "mode":"devdax",
    "state":"disabled"
  },
  {
    "chardev":"dax0.2",
    "size":536870912,
    "target_node":0,
    "align":2097152,
    "mode":"system-ram",
    "online_memblocks":4,
    "total_memblocks":4,
    "movable":false
  }
]
--- stderr
--- rc=0
""";
}
