-- The GitLab job that deploys (a manual job played, or a pipeline's job with that environment): GitLab's deployment
-- events name it (deployable_id), and so are tied to the deployment exactly.
alter table deployments add column provider_job_id text;
create index deployments_by_provider_job on deployments (repository_id, provider_job_id) where provider_job_id is not null;
