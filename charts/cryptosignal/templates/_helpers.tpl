{{/* Name of a release object: <release>-<suffix>, truncated to 63 characters. */}}
{{- define "cs.name" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels shared by every object of one component. */}}
{{- define "cs.labels" -}}
app.kubernetes.io/name: cryptosignal
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* Selector labels of one component. */}}
{{- define "cs.selector" -}}
app.kubernetes.io/name: cryptosignal
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* The image of a component: <registry>/<prefix><name>:<tag><suffix>. */}}
{{- define "cs.image" -}}
{{- $v := .root.Values.image -}}
{{- $registry := ternary "" (printf "%s/" $v.registry) (empty $v.registry) -}}
{{- printf "%s%s%s:%s%s" $registry $v.repositoryPrefix .image (default .root.Chart.AppVersion $v.tag) (default "" .suffix) -}}
{{- end -}}

{{/* A service's values merged over `defaults` (returned as YAML; use fromYaml). */}}
{{- define "cs.service" -}}
{{- $merged := mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy .svc) -}}
{{- toYaml $merged -}}
{{- end -}}

{{/* Environment variable name prefix-free service name with `_` for `-` (cs_gate_optimizer). */}}
{{- define "cs.underscore" -}}
{{- . | replace "-" "_" -}}
{{- end -}}

{{/* Egress rule to an external dependency: ports and optional `to` peers. */}}
{{- define "cs.egressRule" -}}
- ports:
  {{- range .ports }}
    - { protocol: TCP, port: {{ . }} }
  {{- end }}
  {{- with .to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/*
PostgreSQL CA of postgres.tls (root context): "true" when connections verify against a mounted CA, i.e. with
postgres.ssl and postgres.tls.caSecret; empty otherwise. Every pod that connects to PostgreSQL then mounts
"cs.postgresCaVolume" with "cs.postgresCaMount" and sets DATABASE_SSL_CA_FILE to "cs.postgresCaFile".
*/}}
{{- define "cs.postgresCaEnabled" -}}
{{- if and .Values.postgres.ssl .Values.postgres.tls.caSecret }}true{{ end -}}
{{- end -}}

{{/* Path of the PostgreSQL CA file inside a pod (DATABASE_SSL_CA_FILE). */}}
{{- define "cs.postgresCaFile" -}}
/var/run/secrets/cryptosignal/postgres-ca/ca.crt
{{- end -}}

{{/* Volume of the PostgreSQL CA: key postgres.tls.caKey of postgres.tls.caSecret as ca.crt (root context). */}}
{{- define "cs.postgresCaVolume" -}}
- name: postgres-ca
  secret: { secretName: {{ .Values.postgres.tls.caSecret }}, items: [{ key: {{ .Values.postgres.tls.caKey }}, path: ca.crt }] }
{{- end -}}

{{/* Read-only mount of the PostgreSQL CA volume. */}}
{{- define "cs.postgresCaMount" -}}
- { name: postgres-ca, mountPath: /var/run/secrets/cryptosignal/postgres-ca, readOnly: true }
{{- end -}}
