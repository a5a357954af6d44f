// Word pools for generated records. Kept small on purpose: values repeat like they do in real
// instances, which also keeps the dictionary columns compact.

export const FIRST_NAMES = [
  'Abel', 'Beth', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Marco',
  'Nadia', 'Olga', 'Pavel', 'Quentin', 'Rosa', 'Sanjay', 'Tanja', 'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zoe',
];
export const LAST_NAMES = [
  'Anglin', 'Brandt', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jansen', 'Kowalski',
  'Laurent', 'Moreau', 'Novak', 'Okafor', 'Peters', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka', 'Ueda', 'Varga',
  'Weber', 'Yilmaz', 'Zimmer',
];
export const DEPARTMENTS = ['IT', 'Finance', 'HR', 'Sales', 'Operations', 'Legal', 'Customer Support', 'Engineering'];
export const TITLES = ['Analyst', 'Engineer', 'Service Desk Agent', 'Manager', 'Administrator', 'Specialist', 'Consultant'];

export const GROUP_NAMES = [
  'Service Desk', 'Network', 'Database', 'Linux Operations', 'Windows Operations', 'Application Support',
  'Change Advisory Board', 'Problem Management', 'Security Operations', 'Hardware', 'Cloud Platform',
  'Identity and Access', 'Messaging', 'ERP Support', 'Facilities', 'Storage', 'Middleware', 'Field Services',
  'Capacity Management', 'Continuity Management',
];

export const SERVICE_NAMES = [
  'Email', 'Payroll', 'HR Portal', 'VPN', 'Service Desk', 'ERP Finance', 'Customer Web Shop', 'File Storage',
  'Video Conferencing', 'Identity Management', 'Printing', 'Data Warehouse', 'CRM', 'Intranet', 'Mobile Banking',
  'Backup', 'Telephony', 'Travel Booking', 'Document Management', 'Monitoring',
];

export const INCIDENT_CATEGORIES: readonly (readonly [string, number])[] = [
  ['inquiry', 20],
  ['software', 35],
  ['hardware', 15],
  ['network', 18],
  ['database', 12],
];

export const SUBCATEGORIES: Readonly<Record<string, readonly string[]>> = {
  inquiry: ['antivirus', 'email', 'internal application'],
  software: ['email', 'operating system', 'internal application'],
  hardware: ['cpu', 'disk', 'keyboard', 'memory', 'monitor', 'mouse'],
  network: ['dhcp', 'dns', 'ip address', 'vpn', 'wireless'],
  database: ['db2', 'ms sql server', 'oracle'],
};

export const INCIDENT_SUBJECTS: Readonly<Record<string, readonly string[]>> = {
  inquiry: [
    'How do I request access to the shared drive?', 'Question about password expiry', 'Where is the expense form?',
    'Need help configuring out-of-office', 'Cannot find the new VPN client download',
  ],
  software: [
    'Email not syncing on mobile', 'ERP client crashes on start', 'Outlook keeps asking for password',
    'Browser shows certificate error on intranet', 'Payroll report export fails', 'Application freezes when saving',
    'License expired for design tool', 'Teams calls drop after a few minutes',
  ],
  hardware: [
    'Laptop does not boot', 'Monitor flickering', 'Keyboard keys not working', 'Docking station not detected',
    'Printer jams on every job', 'Disk space alert on workstation',
  ],
  network: [
    'VPN disconnects every hour', 'Wi-Fi unavailable on floor 3', 'Slow network in branch office',
    'DNS resolution failing for internal hosts', 'Cannot reach file server', 'Packet loss on core switch',
  ],
  database: [
    'Database connection pool exhausted', 'Nightly batch job failed with deadlock', 'Replication lag on reporting DB',
    'Tablespace almost full', 'Slow queries on order database',
  ],
};

export const INCIDENT_CLOSE_CODES: readonly (readonly [string, number])[] = [
  ['Solved (Permanently)', 55],
  ['Solved (Work Around)', 15],
  ['Solved Remotely (Permanently)', 15],
  ['Not Solved (Not Reproducible)', 8],
  ['Closed/Resolved by Caller', 7],
];

export const CLOSE_NOTES = [
  'Restarted the service and confirmed with the caller.', 'Reinstalled the client; the user confirmed it works.',
  'Replaced the faulty hardware.', 'Cleared the cache and reset the profile.', 'Applied the documented workaround.',
  'Configuration corrected and verified.', 'Password reset and account unlocked.', 'Network port re-patched.',
  'Capacity extended; alert cleared.', 'Caller confirmed the issue no longer occurs.',
];

export const CHANGE_SUBJECTS = [
  'Patch Linux servers (monthly)', 'Upgrade database to new minor version', 'Replace core switch firmware',
  'Deploy release of customer web shop', 'Rotate TLS certificates', 'Extend storage pool', 'Decommission old file server',
  'Add firewall rule for new partner', 'Migrate mailboxes to new cluster', 'Increase VM memory for ERP',
  'Apply emergency security patch', 'Change backup schedule', 'Update DNS records for intranet',
];

export const PROBLEM_SUBJECTS = [
  'Recurring VPN disconnects', 'Repeated database deadlocks in nightly batch', 'Intermittent email sync failures',
  'Frequent crashes of ERP client', 'Memory leak in web shop application server', 'Slow branch office network',
  'Printer driver causing spooler crashes', 'Certificate renewals missed', 'Storage latency spikes',
];

export const KB_SUBJECTS = [
  'How to connect to the VPN', 'Resetting your password', 'Configuring email on a mobile device',
  'Requesting access to shared drives', 'Printer troubleshooting', 'Fixing certificate warnings in the browser',
  'Workaround: ERP client crash on start', 'Using video conferencing rooms', 'Reporting a security incident',
  'Recovering deleted files', 'Setting up multi-factor authentication', 'Working from a branch office network',
];

export const CATALOG_ITEMS = [
  'New laptop', 'Software installation', 'Access to shared drive', 'New mobile phone', 'Guest Wi-Fi account',
  'Monitor', 'VPN access', 'Distribution list', 'Conference room equipment', 'Database account',
];
