# Derives internal/report/testdata/gate200.json from the JSON report of a real
# 200-file gate run: python3 /tmp/gen.py 200 DIR (BenchmarkGate's generate), then in DIR
# rampart gate --allow-unknown --format json=REPORT . ; python3 gate200.py REPORT gate200.json
import json, re, sys, collections
r = json.load(open(sys.argv[1]))
fs = r['findings']
pat = {'aws.ec2.security_group': r'aws_security_group\.sg(\d+)_(\d+)$',
       'aws.iam.user': r'aws_iam_user\.u(\d+)_(\d+)$',
       'aws.s3.bucket': r'arn:aws:s3:::acme-(\d+)-(\d+)$',
       'github.repository': r'github_repository\.repo(\d+)_(\d+)$'}
types = {}
rules = collections.OrderedDict()
for f in fs:
    res = f['resource']; m = re.match(pat[res['type']], res['id'])
    i, j = int(m.group(1)), int(m.group(2))
    t = types.setdefault(res['type'], {'id': re.sub(r'\(\\d\+\)', '%d', pat[res['type']]).replace('\\', '').rstrip('$'), 'lines': {}})
    t['lines'][j] = res['source']['line']
    c = rules.setdefault(f['control_id'], {'control': f['control_id'], 'type': res['type'], 'title': f['title'], 'severity': f['severity'],
        'frameworks': f['frameworks'], 'risks': f.get('risks'), 'mitigations': f.get('mitigations'), 'training': f.get('training'), 'policies': f.get('policies'), 'cases': {}})
    tmpl = f['message'].replace(f'acme-{i}-{j}', 'acme-%FILE%-%VARIANT%').replace(f'k{i}', 'k%FILE%')
    prev = c['cases'].setdefault(j, {'status': f['status'], 'message': tmpl})
    assert prev == {'status': f['status'], 'message': tmpl}, (f, prev)
out = {'types': {k: {'id': v['id'], 'lines': [v['lines'][j] for j in sorted(v['lines'])]} for k, v in types.items()},
       'rules': [dict(c, cases=[c['cases'][j] for j in sorted(c['cases'])]) for c in rules.values()],
       'controls': r['controls']}
json.dump(out, open(sys.argv[2], 'w'), indent=1, ensure_ascii=False)
