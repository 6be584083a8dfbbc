{{/*
Names. The release's full name is "<release>-samsa", or the release name alone when it
already contains "samsa"; every object is named after it.
*/}}
{{- define "samsa.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "samsa.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "samsa.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "samsa.labels" -}}
helm.sh/chart: {{ include "samsa.chart" . }}
{{ include "samsa.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: samsa
{{- end }}

{{- define "samsa.selectorLabels" -}}
app.kubernetes.io/name: {{ include "samsa.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "samsa.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "samsa.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "samsa.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
The node pools of the layout, separated by spaces: "combined", or "controller broker".
*/}}
{{- define "samsa.pools" -}}
{{- if eq .Values.layout "combined" }}combined
{{- else if eq .Values.layout "split" }}controller broker
{{- else }}
{{- fail (printf "layout must be \"combined\" or \"split\", not %q" .Values.layout) }}
{{- end }}
{{- end }}

{{/* A pool's values: .Values.combined, .Values.controllers or .Values.brokers. Takes (dict "root" $ "pool" NAME). */}}
{{- define "samsa.poolValuesKey" -}}
{{- get (dict "combined" "combined" "controller" "controllers" "broker" "brokers") .pool }}
{{- end }}

{{/* `samsa server --roles` of a pool. Takes (dict "root" $ "pool" NAME). */}}
{{- define "samsa.poolRoles" -}}
{{- get (dict "combined" "controller,broker" "controller" "controller" "broker" "broker") .pool }}
{{- end }}

{{/* The StatefulSet of a pool (its pods are <name>-0, <name>-1, ...). Takes (dict "root" $ "pool" NAME). */}}
{{- define "samsa.poolName" -}}
{{- if eq .pool "combined" }}
{{- include "samsa.fullname" .root }}
{{- else }}
{{- printf "%s-%s" (include "samsa.fullname" .root) .pool | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* The headless Service that gives a pool's pods their DNS names. Takes (dict "root" $ "pool" NAME). */}}
{{- define "samsa.headlessName" -}}
{{- printf "%s-headless" (include "samsa.poolName" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "samsa.poolSelectorLabels" -}}
{{ include "samsa.selectorLabels" .root }}
app.kubernetes.io/component: {{ .pool }}
{{- end }}

{{/*
--controller-quorum: ID@HOST:PORT for every controller pod, from the StatefulSet's DNS
names: <pod>.<headless service>.<namespace>.svc.<cluster domain>. The namespace is
$(POD_NAMESPACE), which Kubernetes expands in the container's environment, so the rendered
manifests work in whatever namespace they are applied to.
*/}}
{{- define "samsa.quorum" -}}
{{- $pool := ternary "combined" "controller" (eq .Values.layout "combined") }}
{{- $spec := index .Values (include "samsa.poolValuesKey" (dict "root" . "pool" $pool)) }}
{{- $context := dict "root" . "pool" $pool }}
{{- $name := include "samsa.poolName" $context }}
{{- $headless := include "samsa.headlessName" $context }}
{{- $voters := list }}
{{- range $ordinal := until ($spec.replicas | int) }}
{{- $voters = append $voters (printf "%d@%s-%d.%s.$(POD_NAMESPACE).svc.%s:%d" (add $spec.firstNodeId $ordinal) $name $ordinal $headless $.Values.clusterDomain ($.Values.ports.controller | int)) }}
{{- end }}
{{- join "," $voters }}
{{- end }}
