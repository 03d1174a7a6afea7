-- Which instance a run belongs to: a run left RUNNING by an instance that was killed is marked
-- ABANDONED when that instance starts again, and runs of other, live instances are left alone.
alter table job_run add column instance_name varchar(128);
